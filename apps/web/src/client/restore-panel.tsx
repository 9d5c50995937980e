'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button, Card } from '@rewind/ui';
import type { BackupItem, InstanceDetailFull, RestoreMode } from '@/lib/api-types';
import { ApiError } from './api';
import { CopyChecks } from './copy-checks';
import {
  PointInTimePicker,
  requestTarget,
  targetText,
  type PickedTarget,
} from './point-in-time-picker';
import { nearestOf, PreflightResult, type Check } from './preflight-result';
import { preflight, useRequestRestore } from './queries';
import { RestoreConfirmDialog } from './restore-confirm-dialog';
import { revealOnNarrowScreen } from './reveal';
import { zoneName, type ZoneChoice } from './time';

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
    if (!value || !key) {
      setCheck({ state: 'idle' });
      return;
    }
    let stale = false;
    setCheck({ state: 'checking', key });
    const timer = setTimeout(() => {
      preflight(instance.id, {
        target: requestTarget(value),
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
    // `key` stands for target, mode and region: another object of the same target asks nothing new
  }, [instance.id, key]);

  // a phone shows the result below the timeline: bring the settled verdict into view
  const preflightRef = useRef<HTMLDivElement>(null);
  const settledKey = check.state === 'ok' || check.state === 'refused' ? check.key : null;
  useEffect(() => revealOnNarrowScreen(preflightRef.current), [settledKey]);

  const ready = check.state === 'ok' && check.key === key;
  const plan = ready ? check.plan : null;
  const tz = zoneName(zone, instance.timezone ?? 'UTC');

  const submit = () => {
    if (!value) return;
    request.mutate(
      {
        target: requestTarget(value),
        mode,
        ...(region === 'auto' ? {} : { region }),
        // a replace waits, verified, for a confirmation after its diff was shown
        ...(mode === 'replace' ? { confirmCutover: true } : {}),
      },
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
          <div ref={preflightRef}>
            <PreflightResult check={check} currentKey={key} tz={tz} onChange={onChange} />
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

          {canRestore && value && value.kind !== 'latest' && ready && (
            <Link
              href={`/instances/${instance.id}/time-travel?at=${encodeURIComponent(targetText(value))}`}
              className="block w-full rounded-md px-3 py-2 text-center text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-300 hover:bg-indigo-50"
              data-testid="time-travel-link"
            >
              Look at this second (read-only console)
            </Link>
          )}

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

      <RestoreConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={submit}
        pending={request.isPending}
        error={request.isError ? request.error.message : null}
        instance={instance}
        mode={mode}
        region={region}
        plan={plan}
        picked={value}
        tz={tz}
      />
    </Card>
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
