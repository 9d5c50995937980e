'use client';

import { Button } from '@rewind/ui';
import { useState, type FormEvent } from 'react';
import type { AdminPlan } from '@/server/admin/admin-types';
import { useUpdatePlan, type PlanLimits } from './admin-queries';

/** Each limit in the unit people think in; the API takes seconds. */
const FIELDS: {
  key: keyof PlanLimits;
  label: string;
  unit: string;
  factor: number;
  optional?: boolean;
}[] = [
  { key: 'retentionDaysMax', label: 'Retention max', unit: 'days', factor: 1 },
  { key: 'fullBackupEverySeconds', label: 'Full backup every', unit: 'hours', factor: 3600 },
  {
    key: 'diffBackupEverySeconds',
    label: 'Diff backup every',
    unit: 'hours',
    factor: 3600,
    optional: true,
  },
  {
    key: 'incrBackupEverySeconds',
    label: 'Incr backup every',
    unit: 'minutes',
    factor: 60,
    optional: true,
  },
  { key: 'archiveTimeoutSeconds', label: 'archive_timeout', unit: 'seconds', factor: 1 },
  { key: 'maxInstances', label: 'Max instances', unit: 'instances', factor: 1 },
  { key: 'drillEverySeconds', label: 'Restore drill every', unit: 'hours', factor: 3600 },
  {
    key: 'drillOldestEvery',
    label: 'Oldest-second drill every',
    unit: 'drills',
    factor: 1,
    optional: true,
  },
];

type Draft = Record<keyof PlanLimits, string>;

function draftOf(plan: AdminPlan): Draft {
  const out = {} as Draft;
  for (const f of FIELDS) {
    const v = plan[f.key];
    out[f.key] = v === null ? '' : String(v / f.factor);
  }
  return out;
}

export function PlanEditor({ plan }: { plan: AdminPlan }) {
  const update = useUpdatePlan();
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan));
  const [localError, setLocalError] = useState<string | null>(null);

  const changes = (): Partial<PlanLimits> | string => {
    const out: Partial<PlanLimits> = {};
    for (const f of FIELDS) {
      const raw = draft[f.key].trim();
      let next: number | null;
      if (raw === '') {
        if (!f.optional) return `${f.label} is required`;
        next = null;
      } else {
        const n = Number(raw);
        if (!Number.isFinite(n) || n <= 0) return `${f.label} must be a positive number`;
        next = Math.round(n * f.factor);
      }
      if (next !== plan[f.key]) Object.assign(out, { [f.key]: next });
    }
    return out;
  };
  const pending = changes();
  const dirty = typeof pending === 'string' || Object.keys(pending).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typeof pending === 'string') return setLocalError(pending);
    setLocalError(null);
    update.mutate(
      { planId: plan.id, limits: pending },
      { onSuccess: (r) => setDraft(draftOf(r.plan)) },
    );
  };

  return (
    <form
      onSubmit={submit}
      className="rounded-lg border border-zinc-200 bg-white p-4"
      data-testid={`plan-${plan.id}`}
      aria-labelledby={`plan-${plan.id}-title`}
    >
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h3 id={`plan-${plan.id}-title`} className="font-medium">
          {plan.name} <span className="font-mono text-xs text-zinc-500">{plan.id}</span>
        </h3>
        {plan.approvalForAllRestores ? (
          <span className="text-xs text-zinc-500">approval for all restores</span>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {FIELDS.map((f) => (
          <label key={f.key} className="grid gap-1 text-sm">
            <span className="text-zinc-600">{f.label}</span>
            <span className="flex items-center gap-1.5">
              <input
                inputMode="decimal"
                value={draft[f.key]}
                onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                placeholder={f.optional ? 'none' : undefined}
                className="h-8 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 text-sm tabular-nums"
                name={f.key}
              />
              <span className="text-xs text-zinc-500">{f.unit}</span>
            </span>
          </label>
        ))}
      </div>
      <p className="mt-2 text-xs text-zinc-600" data-testid="plan-clones-note">
        Max instances counts primary instances only: clones made by restores do not count while they
        are temporary.
      </p>
      {localError || update.isError ? (
        <p role="alert" className="mt-3 text-sm text-red-700" data-testid="plan-error">
          {localError ?? update.error?.message}
        </p>
      ) : null}
      {update.isSuccess && !dirty ? (
        <p role="status" className="mt-3 text-sm text-emerald-700">
          Saved; recorded in the platform audit trail. New backup cadences apply when schedules are
          next reconciled.
        </p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <Button type="submit" disabled={!dirty || update.isPending} className="h-8">
          {update.isPending ? 'Saving…' : 'Save limits'}
        </Button>
        {dirty ? (
          <Button
            type="button"
            variant="ghost"
            className="h-8"
            onClick={() => {
              setDraft(draftOf(plan));
              setLocalError(null);
              update.reset();
            }}
          >
            Discard
          </Button>
        ) : null}
      </div>
    </form>
  );
}
