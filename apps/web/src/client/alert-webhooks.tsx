'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, ErrorState, Spinner } from '@rewind/ui';
import type { DeliveryView, WebhookView } from '@/server/alerts/alert-views';
import { api } from './api';
import { useCan } from './queries';
import { ShownOnce } from './shown-once';
import { Instant } from './zone-context';

const enc = encodeURIComponent;
const keys = {
  webhooks: ['alerts', 'webhooks'] as const,
  deliveries: ['alerts', 'webhooks', 'deliveries'] as const,
};

type CreatedWebhook = WebhookView & { secret: string };

/**
 * The tenant's alert webhooks and their delivery log (owners: webhook:manage). The signing
 * secret is in the creation response only, so it is shown here once and never fetched again.
 */
export function AlertWebhooks() {
  const canManage = useCan('webhook:manage');
  if (!canManage)
    return (
      <Card title="Webhooks">
        <p className="text-sm text-zinc-500">
          Only owners manage the webhooks alerts are delivered to.
        </p>
      </Card>
    );
  return (
    <div className="space-y-6">
      <WebhooksCard />
      <DeliveryLog />
    </div>
  );
}

function WebhooksCard() {
  const client = useQueryClient();
  const hooks = useQuery({
    queryKey: keys.webhooks,
    queryFn: () => api<{ webhooks: WebhookView[] }>('/api/v1/alerts/webhooks'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: keys.webhooks });
  const create = useMutation({
    mutationFn: (url: string) =>
      api<CreatedWebhook>('/api/v1/alerts/webhooks', { method: 'POST', body: { url } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      api<unknown>(`/api/v1/alerts/webhooks/${enc(id)}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(url, {
      onSuccess: (hook) => {
        setCreated(hook);
        setUrl('');
      },
    });
  };
  return (
    <Card title="Webhooks" testId="webhooks-card">
      <p className="text-sm text-zinc-600">
        Every alert on this tenant&apos;s instances that opens or resolves is POSTed to each
        webhook, signed: <code className="text-xs">rewind-signature: v1=HMAC-SHA256(secret,</code>{' '}
        <code className="text-xs">timestamp + &quot;.&quot; + body)</code> with the timestamp in{' '}
        <code className="text-xs">rewind-timestamp</code>.
      </p>
      <form onSubmit={submit} className="mt-4 flex flex-wrap gap-2" aria-label="Add webhook">
        <label className="min-w-0 flex-1">
          <span className="sr-only">Webhook URL</span>
          <input
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://hooks.example.com/rewind"
            className="h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none"
          />
        </label>
        <Button type="submit" disabled={create.isPending}>
          Add webhook
        </Button>
      </form>
      {create.isError ? <p className="mt-2 text-sm text-red-700">{create.error.message}</p> : null}
      {created ? (
        <ShownOnce
          heading={`Copy the signing secret of ${created.url} now: it is shown once and never again.`}
          value={created.secret}
          testId="webhook-created"
          valueTestId="webhook-secret"
          onDone={() => setCreated(null)}
        />
      ) : null}
      <div className="mt-4">
        {hooks.isPending ? (
          <Spinner />
        ) : hooks.isError ? (
          <ErrorState title="Could not load webhooks" message={hooks.error.message} />
        ) : hooks.data.webhooks.length === 0 ? (
          <p className="text-sm text-zinc-500">No webhooks yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100" aria-label="Webhooks">
            {hooks.data.webhooks.map((w) => (
              <li
                key={w.id}
                data-webhook-id={w.id}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm"
              >
                <span className="min-w-0 break-all font-mono text-xs text-zinc-900">{w.url}</span>
                <span className="text-xs text-zinc-500">
                  added <Instant iso={w.createdAt} />
                </span>
                <span className="ml-auto">
                  <Button
                    variant="ghost"
                    className="h-7 px-2 text-xs text-red-700"
                    disabled={remove.isPending}
                    aria-label={`Delete webhook ${w.url}`}
                    onClick={() => remove.mutate(w.id)}
                  >
                    Delete
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {remove.isError ? (
          <p className="mt-2 text-sm text-red-700">{remove.error.message}</p>
        ) : null}
      </div>
    </Card>
  );
}

const STATUS_STYLE: Record<DeliveryView['status'], string> = {
  delivered: 'bg-emerald-100 text-emerald-800',
  pending: 'bg-amber-100 text-amber-800',
  failed: 'bg-red-100 text-red-800',
};

function DeliveryLog() {
  const log = useQuery({
    queryKey: keys.deliveries,
    queryFn: () => api<{ deliveries: DeliveryView[] }>('/api/v1/alerts/webhooks/deliveries'),
    refetchInterval: 10_000,
  });
  return (
    <Card title="Delivery log" testId="delivery-log">
      {log.isPending ? (
        <Spinner />
      ) : log.isError ? (
        <ErrorState title="Could not load the delivery log" message={log.error.message} />
      ) : log.data.deliveries.length === 0 ? (
        <p className="text-sm text-zinc-500">Nothing delivered yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-100" aria-label="Deliveries">
          {log.data.deliveries.map((d) => (
            <li
              key={d.id}
              data-delivery-status={d.status}
              className="grid gap-1 py-2 text-sm sm:grid-cols-[auto_1fr]"
            >
              <span className="flex items-center gap-2">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`}
                >
                  {d.status}
                </span>
                <span className="font-mono text-xs text-zinc-500">alert.{d.event}</span>
              </span>
              <span className="min-w-0">
                <span className="block break-words text-zinc-900">{d.alertSummary}</span>
                <span className="block break-words text-xs text-zinc-500">
                  to <span className="break-all">{d.webhookUrl}</span>
                  {d.webhookDeleted ? ' (deleted)' : ''} · {d.attempts} attempt
                  {d.attempts === 1 ? '' : 's'}
                  {d.responseCode !== null ? ` · answered ${d.responseCode}` : ''}
                  {d.error ? ` · ${d.error}` : ''}
                  {d.lastAttemptAt ? (
                    <>
                      {' '}
                      · last tried <Instant iso={d.lastAttemptAt} />
                    </>
                  ) : null}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
