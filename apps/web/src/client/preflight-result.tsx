'use client';

import { Button, Spinner } from '@rewind/ui';
import type { PreflightResponse } from '@/lib/api-types';
import type { ApiError } from './api';
import type { PickedTarget } from './point-in-time-picker';
import { formatInstant } from './time';
import { Instant } from './zone-context';

export type Check =
  | { state: 'idle' }
  | { state: 'checking'; key: string }
  | { state: 'ok'; key: string; plan: PreflightResponse }
  | {
      state: 'refused';
      key: string;
      message: string;
      nearest: Array<{ label: string; iso: string }>;
    };

/** What the server said about exactly the current request: checking, refused (with the nearest restorable seconds), or passed. */
export function PreflightResult({
  check,
  currentKey,
  tz,
  onChange,
}: {
  check: Check;
  currentKey: string | null;
  tz: string;
  onChange: (t: PickedTarget) => void;
}) {
  const ready = check.state === 'ok' && check.key === currentKey;
  return (
    <div
      aria-live="polite"
      data-testid="preflight"
      data-state={check.state === 'idle' ? 'idle' : ready ? 'ok' : check.state}
    >
      {check.state === 'idle' ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-3 text-sm text-zinc-500">
          Pick a second on the timeline, type one, or use a quick pick. The server checks it before
          you can restore.
        </p>
      ) : check.state === 'checking' || check.key !== currentKey ? (
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
          <p className="mt-1 break-words" data-testid="preflight-reason">
            {check.message}
          </p>
          {check.nearest.length ? (
            <div className="mt-2 flex flex-col items-start gap-2">
              {check.nearest.map((n) => (
                <Button
                  key={n.iso}
                  type="button"
                  variant="secondary"
                  className="h-auto min-h-7 px-2 py-1 text-left text-xs"
                  onClick={() => onChange({ kind: 'instant', ms: toSecond(n), via: n.label })}
                  data-testid="preflight-use-nearest"
                >
                  Use {n.label}: {formatInstant(toSecond(n), tz)}
                </Button>
              ))}
            </div>
          ) : null}
        </div>
      ) : ready ? (
        <PlanSummary plan={check.plan} />
      ) : null}
    </div>
  );
}

function PlanSummary({ plan }: { plan: PreflightResponse }) {
  return (
    <div
      className="rounded-md bg-emerald-50 px-3 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
      data-testid="preflight-ok"
    >
      <p className="font-medium">Pre-flight passed</p>
      <dl className="mt-1.5 grid grid-cols-[5.5rem_minmax(0,1fr)] gap-y-1 text-[13px]">
        <dt className="text-emerald-800/80">Target</dt>
        <dd className="break-words" data-testid="preflight-target">
          {plan.targetUtc ? (
            <>
              <Instant
                iso={plan.targetUtc}
                instanceZone={plan.timeZone}
                testId="preflight-instant"
              />
              <span className="block font-mono text-xs text-emerald-900/80">
                {'latest' in plan.target ? 'latest, as of now: ' : ''}
                {plan.targetUtc}
              </span>
            </>
          ) : (
            <span className="font-mono">{plan.description}</span>
          )}
        </dd>
        <dt className="text-emerald-800/80">From</dt>
        <dd>
          {plan.region} · backup <span className="font-mono text-xs">{plan.backupLabel}</span>
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
  );
}

export function nearestOf(e: ApiError | null): Array<{ label: string; iso: string }> {
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
