'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button, Card, ErrorState, Spinner } from '@rewind/ui';
import type { CreatedToken, InvitationCreated } from '@/lib/api-types';
import {
  useCan,
  useMe,
  useMemberMutations,
  useMembers,
  useTenant,
  useTokenMutations,
  useTokens,
  useUpdateTenant,
} from './queries';
import { ShownOnce } from './shown-once';
import { Instant } from './zone-context';

const INPUT =
  'h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none';

export function SettingsView() {
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-zinc-500">
          Retention, approvals, people and API tokens of this tenant. Legal hold is set per
          instance.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <RetentionCard />
        <MembersCard />
      </div>
      <TokensCard />
    </section>
  );
}

function RetentionCard() {
  const tenant = useTenant();
  const update = useUpdateTenant();
  const canEdit = useCan('retention:update');
  const [days, setDays] = useState<number | null>(null);
  useEffect(() => {
    if (tenant.data && days === null) setDays(tenant.data.retentionDays);
  }, [tenant.data, days]);

  if (tenant.isPending)
    return (
      <Card title="Retention and approvals">
        <Spinner />
      </Card>
    );
  if (tenant.isError)
    return (
      <Card title="Retention and approvals">
        <ErrorState title="Could not load settings" message={tenant.error.message} />
      </Card>
    );
  const t = tenant.data;
  const value = days ?? t.retentionDays;
  return (
    <Card title="Retention and approvals" testId="retention-card">
      <p className="text-xs text-zinc-600" data-testid="plan-summary">
        Plan <span className="font-medium text-zinc-700">{t.plan.name}</span>: up to{' '}
        {t.plan.retentionDaysMax} days of retention and {t.plan.maxInstances} instance
        {t.plan.maxInstances === 1 ? '' : 's'}. Clones made by restores do not count against the
        instance limit while they are temporary.
      </p>
      {canEdit ? null : (
        <p
          id="retention-why-disabled"
          className="mt-2 rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-700 ring-1 ring-inset ring-zinc-200"
          data-testid="member-disabled-reason"
        >
          Only owners and admins change retention and the approval policy; your role can read them.
        </p>
      )}
      <label className="mt-4 block text-sm font-medium" htmlFor="retention">
        Retention:{' '}
        <span className="font-mono" data-testid="retention-value">
          {value}
        </span>{' '}
        day{value === 1 ? '' : 's'}
      </label>
      <div className="mt-2 flex items-center gap-3">
        <input
          id="retention"
          type="range"
          min={1}
          max={t.plan.retentionDaysMax}
          value={value}
          disabled={!canEdit}
          aria-describedby={canEdit ? undefined : 'retention-why-disabled'}
          onChange={(e) => setDays(Number(e.target.value))}
          className="w-full accent-indigo-600"
        />
        <Button
          variant="secondary"
          className="h-8 text-xs"
          disabled={!canEdit || value === t.retentionDays || update.isPending}
          onClick={() => update.mutate({ retentionDays: value })}
        >
          Save
        </Button>
      </div>
      <p className="mt-1 text-xs text-zinc-500">
        Shorter retention moves the start of every instance's window forward at the next expire.
      </p>

      <fieldset
        className="mt-5 space-y-2"
        disabled={!canEdit || update.isPending}
        aria-describedby={canEdit ? undefined : 'retention-why-disabled'}
      >
        <legend className="text-sm font-medium">Approval policy</legend>
        {(
          [
            ['replace_only', 'Replace restores need a second person', 'Clones start at once.'],
            [
              'all_restores',
              'Every restore needs a second person',
              'Clones wait for approval too.',
            ],
          ] as const
        ).map(([v, title, text]) => (
          <label key={v} className="flex cursor-pointer gap-2 text-sm">
            <input
              type="radio"
              name="approval"
              className="mt-1 accent-indigo-600"
              checked={t.approvalPolicy === v}
              onChange={() => update.mutate({ approvalPolicy: v })}
            />
            <span>
              <span className="block">{title}</span>
              <span className="block text-xs text-zinc-500">{text}</span>
            </span>
          </label>
        ))}
        {t.plan.approvalForAllRestores ? (
          <p className="text-xs text-zinc-500">Your plan requires approval for all restores.</p>
        ) : null}
      </fieldset>
      {update.isError ? (
        <p className="mt-2 text-sm text-red-700">{update.error.message}</p>
      ) : update.isSuccess ? (
        <p className="mt-2 text-sm text-emerald-700">Saved.</p>
      ) : null}
    </Card>
  );
}

function MembersCard() {
  const members = useMembers();
  const me = useMe();
  const canManage = useCan('member:manage');
  const m = useMemberMutations();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const [invited, setInvited] = useState<InvitationCreated | null>(null);
  const add = (e: FormEvent) => {
    e.preventDefault();
    m.add.mutate(
      { email, role },
      {
        onSuccess: (created) => {
          setEmail('');
          setInvited(created);
        },
      },
    );
  };
  const error = m.add.error ?? m.update.error ?? m.remove.error;
  return (
    <Card title="Members and roles" testId="members-card">
      {members.isPending ? (
        <Spinner />
      ) : members.isError ? (
        <ErrorState title="Could not load members" message={members.error.message} />
      ) : (
        <ul className="divide-y divide-zinc-100">
          {members.data.map((p) => (
            <li key={p.userId} className="flex flex-wrap items-center gap-2 py-2 text-sm">
              <span className="min-w-0 flex-1 truncate">
                {p.name} <span className="text-zinc-500">{p.email}</span>
              </span>
              {canManage && p.userId !== me.data?.principal.userId ? (
                <>
                  <label className="sr-only" htmlFor={`role-${p.userId}`}>
                    Role of {p.email}
                  </label>
                  <select
                    id={`role-${p.userId}`}
                    value={p.role}
                    onChange={(e) => m.update.mutate({ userId: p.userId, role: e.target.value })}
                    className={`${INPUT} h-8`}
                  >
                    <option value="owner">owner</option>
                    <option value="admin">admin</option>
                    <option value="member">member</option>
                  </select>
                  <Button
                    variant="ghost"
                    className="h-8 px-2 text-xs text-red-700"
                    onClick={() => m.remove.mutate(p.userId)}
                  >
                    Remove
                  </Button>
                </>
              ) : (
                <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">
                  {p.role}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <form onSubmit={add} className="mt-4 flex flex-wrap gap-2" aria-label="Invite member">
          <label className="min-w-0 flex-1">
            <span className="sr-only">Email</span>
            <input
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="person@example.com"
              className={`${INPUT} w-full`}
            />
          </label>
          <label>
            <span className="sr-only">Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value)} className={INPUT}>
              <option value="member">member</option>
              <option value="admin">admin</option>
              <option value="owner">owner</option>
            </select>
          </label>
          <Button type="submit" disabled={m.add.isPending}>
            Invite
          </Button>
        </form>
      ) : null}
      {invited ? (
        <div
          className="mt-3 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm"
          data-testid="invitation-link"
        >
          <p>
            Invitation for {invited.invitation.email} ({invited.invitation.role}). Send them this
            link; they join once they sign in with that email and accept. It is shown only now.
          </p>
          <code className="mt-2 block break-all text-xs">{invited.acceptUrl}</code>
        </div>
      ) : null}
      {error ? <p className="mt-2 text-sm text-red-700">{error.message}</p> : null}
    </Card>
  );
}

function TokensCard() {
  const canManage = useCan('token:manage');
  const tokens = useTokens(canManage);
  const t = useTokenMutations();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  if (!canManage) {
    return (
      <Card title="API tokens">
        <p className="text-sm text-zinc-500">Only owners manage API tokens.</p>
      </Card>
    );
  }
  const create = (e: FormEvent) => {
    e.preventDefault();
    t.create.mutate(name, {
      onSuccess: (tok) => {
        setCreated(tok);
        setName('');
      },
    });
  };
  return (
    <Card title="API tokens" testId="tokens-card">
      <form onSubmit={create} className="flex flex-wrap gap-2" aria-label="Create API token">
        <label className="min-w-0 flex-1">
          <span className="sr-only">Token name</span>
          <input
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="ci-restore-drill"
            className={`${INPUT} w-full`}
          />
        </label>
        <Button type="submit" disabled={t.create.isPending}>
          Create token
        </Button>
      </form>
      {created ? (
        <ShownOnce
          heading="Copy this token now: it is shown once and never again."
          value={created.token}
          testId="token-created"
          onDone={() => setCreated(null)}
        />
      ) : null}
      {t.create.isError ? (
        <p className="mt-2 text-sm text-red-700">{t.create.error.message}</p>
      ) : null}
      <div className="mt-4">
        {tokens.isPending ? (
          <Spinner />
        ) : tokens.isError ? (
          <ErrorState title="Could not load tokens" message={tokens.error.message} />
        ) : tokens.data.length === 0 ? (
          <p className="text-sm text-zinc-500">No tokens yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100">
            {tokens.data.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                <span className="font-medium">{k.name}</span>
                <span className="font-mono text-xs text-zinc-500">{k.prefix}…</span>
                <span className="text-xs text-zinc-500">
                  {k.user.email} · created <Instant iso={k.createdAt} />
                  {k.lastUsedAt ? (
                    <>
                      {' '}
                      · used <Instant iso={k.lastUsedAt} />
                    </>
                  ) : (
                    ' · never used'
                  )}
                </span>
                <span className="ml-auto">
                  {k.revokedAt ? (
                    <span className="text-xs text-zinc-500">revoked</span>
                  ) : (
                    <Button
                      variant="ghost"
                      className="h-7 px-2 text-xs text-red-700"
                      onClick={() => t.revoke.mutate(k.id)}
                    >
                      Revoke
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
