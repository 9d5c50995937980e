'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button, Card, Dialog, Spinner } from '@rewind/ui';
import type {
  BackupItem,
  InstanceDetailFull,
  PreflightResponse,
  RestoreMode,
} from '@/lib/api-types';
import { ApiError } from './api';
import { PointInTimePicker, targetText, type PickedTarget } from './point-in-time-picker';
import { preflight, useCan, useRequestRestore, useValidationQueries } from './queries';
import { formatIn, formatUtc, zoneName, type ZoneChoice } from './time';
import { revealOnNarrowScreen } from './reveal';
import { EXPECTATION_LABEL, VALIDATION_QUERIES_ANCHOR } from './validation-queries-card';

type Check =
  | { state: 'idle' }
  | { state: 'checking'; key: string }
  | { state: 'ok'; key: string; plan: PreflightResponse }
  | {
      state: 'refused';
      key: string;
      message: string;
      nearest: Array<{ label: string; iso: string }>;
    };

interface Props {
  instance: InstanceDetailFull;
  backups: BackupItem[];
  canRestore: boolean;
  value: PickedTarget | null;
  onChange: (t: PickedTarget) => void;
  zone: ZoneChoice;
  onZoneChange: (z: ZoneChoice) => void;
}

/**
 * Pick a second, see the server's pre-flight for exactly that request, then restore. The
 * button stays disabled until the pre-flight for the current time, mode and region has passed.
 */
export function RestorePanel({
  instance,
  backups,
  canRestore,
  value,
  onChange,
  zone,
  onZoneChange,
}: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<RestoreMode>('clone');
  const [region, setRegion] = useState<string>('auto');
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const request = useRequestRestore(instance.id);

  const text = value ? targetText(value) : null;
  const key = text ? JSON.stringify([text, mode, region]) : null;

  useEffect(() => {
    if (!text || !key) {
      setCheck({ state: 'idle' });
      return;
    }
    let stale = false;
    setCheck({ state: 'checking', key });
    const timer = setTimeout(() => {
      preflight(instance.id, {
        target: { time: text },
        mode,
        ...(region === 'auto' ? {} : { region }),
      }).then(
        (plan) => !stale && setCheck({ state: 'ok', key, plan }),
        (err: unknown) => {
          if (stale) return;
          const e = err instanceof ApiError ? err : null;
          setCheck({
            state: 'refused',
            key,
            message: e?.message ?? String(err),
            nearest: nearestOf(e),
          });
        },
      );
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [instance.id, text, key, mode, region]);

  // a phone shows the result below the timeline: bring the settled verdict into view
  const preflightRef = useRef<HTMLDivElement>(null);
  const settledKey = check.state === 'ok' || check.state === 'refused' ? check.key : null;
  useEffect(() => revealOnNarrowScreen(preflightRef.current), [settledKey]);

  const ready = check.state === 'ok' && check.key === key;
  const plan = ready ? check.plan : null;
  const tz = zoneName(zone, instance.timezone ?? 'UTC');

  const submit = () => {
    if (!text) return;
    request.mutate(
      { target: { time: text }, mode, ...(region === 'auto' ? {} : { region }) },
      { onSuccess: (r) => router.push(`/restores/${r.id}`) },
    );
  };

  return (
    <Card title="Restore to a point in time" testId="restore-panel">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
        <PointInTimePicker
          instance={instance}
          backups={backups}
          value={value}
          onChange={onChange}
          zone={zone}
          onZoneChange={onZoneChange}
        />

        <div className="space-y-4">
          <div
            ref={preflightRef}
            aria-live="polite"
            data-testid="preflight"
            data-state={check.state === 'idle' ? 'idle' : ready ? 'ok' : check.state}
          >
            {check.state === 'idle' ? (
              <p className="rounded-md border border-dashed border-zinc-300 px-3 py-3 text-sm text-zinc-500">
                Pick a second on the timeline, type one, or use a quick pick. The server checks it
                before you can restore.
              </p>
            ) : check.state === 'checking' || check.key !== key ? (
              <p className="flex items-center gap-2 rounded-md bg-zinc-50 px-3 py-3 text-sm text-zinc-600 ring-1 ring-inset ring-zinc-200">
                <Spinner className="size-3.5" /> Pre-flight: asking the server…
              </p>
            ) : check.state === 'refused' ? (
              <div
                role="alert"
                className="rounded-md bg-red-50 px-3 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200"
                data-testid="preflight-refused"
              >
                <p className="font-medium">Not restorable</p>
                <p className="mt-1" data-testid="preflight-reason">
                  {check.message}
                </p>
                {check.nearest.length ? (
                  <div className="mt-2 flex flex-wrap gap-2">
                    {check.nearest.map((n) => (
                      <Button
                        key={n.iso}
                        type="button"
                        variant="secondary"
                        className="h-7 px-2 text-xs"
                        onClick={() => onChange({ kind: 'instant', ms: toSecond(n), via: n.label })}
                      >
                        Use {n.label}: {formatIn(Date.parse(n.iso), tz)}
                      </Button>
                    ))}
                  </div>
                ) : null}
              </div>
            ) : plan ? (
              <div
                className="rounded-md bg-emerald-50 px-3 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
                data-testid="preflight-ok"
              >
                <p className="font-medium">Pre-flight passed</p>
                <dl className="mt-1.5 grid grid-cols-[5.5rem_1fr] gap-y-1 text-[13px]">
                  <dt className="text-emerald-800/80">Target</dt>
                  <dd className="font-mono break-all" data-testid="preflight-target">
                    {plan.targetUtc ?? plan.description}
                  </dd>
                  {plan.targetLocal ? (
                    <>
                      <dt className="text-emerald-800/80">{plan.timeZone}</dt>
                      <dd className="font-mono break-all">{plan.targetLocal}</dd>
                    </>
                  ) : null}
                  <dt className="text-emerald-800/80">From</dt>
                  <dd>
                    {plan.region} · backup{' '}
                    <span className="font-mono text-xs">{plan.backupLabel}</span>
                  </dd>
                  {plan.candidates.length > 1 ? (
                    <>
                      <dt className="text-emerald-800/80">Fallback</dt>
                      <dd>
                        {plan.candidates
                          .slice(1)
                          .map((c) => c.region)
                          .join(', ')}
                      </dd>
                    </>
                  ) : null}
                </dl>
                {plan.notes.length ? (
                  <ul className="mt-2 list-disc space-y-0.5 pl-4 text-xs text-emerald-900/90">
                    {plan.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </div>

          <fieldset className="space-y-2">
            <legend className="mb-1 text-xs font-medium text-zinc-600">Outcome</legend>
            <ModeOption
              value="clone"
              checked={mode === 'clone'}
              onSelect={setMode}
              title="Clone"
              text="A new instance at that second, next to the original. Nothing else changes; the clone expires after its TTL."
            />
            <ModeOption
              value="replace"
              checked={mode === 'replace'}
              onSelect={setMode}
              title="Replace"
              text="This instance's data goes back to that second. A second person must approve it first; the current data is kept so the replace can be undone while its TTL lasts."
            />
          </fieldset>

          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            Region
            <select
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              data-testid="restore-region"
              className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none"
            >
              <option value="auto">Automatic (healthy region, falls back)</option>
              {instance.window.regions.map((r) => (
                <option key={r.region} value={r.region}>
                  {r.region}
                </option>
              ))}
            </select>
          </label>

          <CopyChecks instanceId={instance.id} />

          {canRestore ? (
            <Button
              className="w-full bg-indigo-600 hover:bg-indigo-700 disabled:bg-zinc-300"
              disabled={!ready}
              onClick={() => setConfirming(true)}
              data-testid="restore-button"
            >
              {mode === 'clone' ? 'Restore as clone…' : 'Request replace…'}
            </Button>
          ) : (
            <p
              className="rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-600 ring-1 ring-inset ring-zinc-200"
              data-testid="restore-not-allowed"
            >
              Your role can explore the window but not restore; ask an owner or admin.
            </p>
          )}
        </div>
      </div>

      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={mode === 'clone' ? 'Restore as a clone?' : 'Request a replace?'}
        testId="restore-confirm"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Back
            </Button>
            <Button
              className="bg-indigo-600 hover:bg-indigo-700"
              onClick={submit}
              disabled={request.isPending}
              data-testid="restore-confirm-button"
            >
              {request.isPending ? (
                <Spinner className="size-3.5 border-indigo-300 border-t-white" label="Starting" />
              ) : null}
              {mode === 'clone' ? 'Restore' : 'Request replace'}
            </Button>
          </>
        }
      >
        <p>
          <span className="font-mono">{instance.name}</span> as it was at the end of
        </p>
        <p
          className="rounded-md bg-zinc-900 px-3 py-2 text-center font-mono text-base text-white"
          data-testid="restore-confirm-utc"
        >
          {plan?.targetUtc ? formatUtc(Date.parse(plan.targetUtc)) : text}
        </p>
        <p className="text-zinc-600">
          Every commit at or before that second is kept; nothing after it. Served from{' '}
          {plan?.region ?? 'the healthy region'}
          {region === 'auto' ? ' (automatic)' : ''}.
        </p>
        <CopyChecksSentence instanceId={instance.id} />
        {mode === 'replace' ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
            Replace waits for another owner or admin to approve. After cutover, the previous data is
            kept and can be put back with Undo until its TTL ends.
          </p>
        ) : null}
        {request.isError ? <p className="text-red-700">{request.error.message}</p> : null}
      </Dialog>
    </Card>
  );
}

/**
 * What the copy is checked with before it is handed over (or cut over): the built-in checks and
 * the tenant's own validation queries of this instance, or a way to add some.
 */
function CopyChecks({ instanceId }: { instanceId: string }) {
  const queries = useValidationQueries(instanceId);
  const canManage = useCan('validation:manage');
  const link = (text: string) => (
    <a
      href={`#${VALIDATION_QUERIES_ANCHOR}`}
      className="font-medium text-indigo-700 underline-offset-2 hover:underline"
      data-testid="restore-add-validation"
    >
      {text}
    </a>
  );
  return (
    <div
      className="rounded-md bg-zinc-50 px-3 py-2.5 text-xs text-zinc-600 ring-1 ring-inset ring-zinc-200"
      data-testid="restore-validation"
    >
      <p className="font-medium text-zinc-800">Checked on the copy before you get it</p>
      <p className="mt-0.5">
        Recovery point, amcheck and schema dump
        {queries.data?.length ? ', then your validation queries:' : '.'}
      </p>
      {queries.isPending ? (
        <p className="mt-1 flex items-center gap-1.5 text-zinc-500">
          <Spinner className="size-3" label="Loading validation queries" /> Loading your validation
          queries…
        </p>
      ) : queries.isError ? (
        <p className="mt-1 text-red-700">
          Could not load your validation queries: {queries.error.message}
        </p>
      ) : queries.data.length === 0 ? (
        <p className="mt-1">
          None of your own yet{canManage ? '' : ' (owners and admins add them)'}.{' '}
          {canManage ? link('Add validation queries') : link('What are they?')}
        </p>
      ) : (
        <>
          <ul className="mt-1 space-y-0.5" data-testid="restore-validation-list">
            {queries.data.map((q) => (
              <li key={q.id} className="flex min-w-0 gap-1.5">
                <span aria-hidden className="text-zinc-400">
                  •
                </span>
                <span className="min-w-0 break-words">
                  <span className="font-medium text-zinc-800">{q.name}</span>{' '}
                  <span className="text-zinc-500">({EXPECTATION_LABEL[q.expectation]})</span>
                </span>
              </li>
            ))}
          </ul>
          {canManage ? <p className="mt-1">{link('Manage validation queries')}</p> : null}
        </>
      )}
    </div>
  );
}

/** The same, as one sentence in the confirmation. */
function CopyChecksSentence({ instanceId }: { instanceId: string }) {
  const queries = useValidationQueries(instanceId);
  const n = queries.data?.length ?? 0;
  return (
    <p className="text-zinc-600" data-testid="restore-confirm-checks">
      Before it is handed over the copy is checked: recovery point, amcheck, schema dump
      {n > 0 ? `, and your ${n} validation ${n === 1 ? 'query' : 'queries'}` : ''}. If any check
      fails, the restore fails and nothing of the copy is kept.
    </p>
  );
}

function ModeOption({
  value,
  checked,
  onSelect,
  title,
  text,
}: {
  value: RestoreMode;
  checked: boolean;
  onSelect: (m: RestoreMode) => void;
  title: string;
  text: string;
}) {
  return (
    <label
      className={`flex cursor-pointer gap-2.5 rounded-md p-2.5 ring-1 ring-inset ${checked ? 'bg-indigo-50/60 ring-indigo-300' : 'ring-zinc-200 hover:bg-zinc-50'}`}
    >
      <input
        type="radio"
        name="restore-mode"
        value={value}
        checked={checked}
        onChange={() => onSelect(value)}
        className="mt-0.5 accent-indigo-600"
        data-testid={`mode-${value}`}
      />
      <span>
        <span className="block text-sm font-medium text-zinc-900">{title}</span>
        <span className="block text-xs text-zinc-600">{text}</span>
      </span>
    </label>
  );
}

function nearestOf(e: ApiError | null): Array<{ label: string; iso: string }> {
  const n = e?.details?.nearest as { before?: unknown; after?: unknown } | undefined;
  const out: Array<{ label: string; iso: string }> = [];
  if (typeof n?.before === 'string') out.push({ label: 'nearest before', iso: n.before });
  if (typeof n?.after === 'string') out.push({ label: 'nearest after', iso: n.after });
  return out;
}

/** The nearest restorable instant has µs; the whole second on its restorable side. */
function toSecond(n: { label: string; iso: string }): number {
  const t = Date.parse(n.iso);
  return (n.label.endsWith('after') ? Math.ceil(t / 1000) : Math.floor(t / 1000)) * 1000;
}
