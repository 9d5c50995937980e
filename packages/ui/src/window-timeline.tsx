'use client';

import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { cx } from './cx';

export interface TimelineRegion {
  region: string;
  earliest: string | null;
  latest: string | null;
  gaps: ReadonlyArray<{ from: string; to: string }>;
  /** what successful drills proved in this region (restored and checked), inside the window */
  verified?: ReadonlyArray<{ from: string; to: string }>;
  /** verified share of the restorable window, 0..1 */
  verifiedFraction?: number | null;
}

export interface TimelineBackup {
  region: string;
  label: string;
  type: string;
  stoppedAt: string;
}

export interface WindowTimelineProps {
  regions: readonly TimelineRegion[];
  backups: readonly TimelineBackup[];
  /** epoch ms; the right edge */
  now: number;
  /** epoch ms: where retention cuts the window (shown when it falls inside the picture) */
  retentionEdge?: number;
  /** epoch ms of the chosen second */
  selected?: number | null;
  onPick?: (epochMs: number) => void;
  /** how times read on hover and on the axis (the page decides the zone) */
  format: (epochMs: number) => string;
  className?: string;
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The restorable window as a picture: per region a band of continuous WAL coverage, gaps in
 * red, backups as ticks, the retention edge and "now"; under it a second band that tells what a
 * drill has restored and checked ("verified by a drill") from what is only archived. Hover reads the exact second; click (or
 * arrow keys, one second per press, a minute with Shift) picks it.
 */
export function WindowTimeline({
  regions,
  backups,
  now,
  retentionEdge,
  selected,
  onPick,
  format,
  className,
}: WindowTimelineProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ x: number; t: number } | null>(null);

  const starts = [
    ...regions.flatMap((r) => (r.earliest ? [ms(r.earliest)] : [])),
    ...backups.map((b) => ms(b.stoppedAt)),
  ];
  const lo0 = starts.length ? Math.min(...starts) : now - 3600_000;
  const span0 = Math.max(60_000, now - lo0);
  const lo = lo0 - span0 * 0.04;
  const hi = now + span0 * 0.02;
  const pct = (t: number) =>
    `${(((Math.min(hi, Math.max(lo, t)) - lo) / (hi - lo)) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) =>
    `${(((Math.min(hi, b) - Math.max(lo, a)) / (hi - lo)) * 100).toFixed(3)}%`;

  const restorable = regions.filter((r) => r.earliest && r.latest);
  const earliest = restorable.length ? Math.min(...restorable.map((r) => ms(r.earliest!))) : null;
  const latest = restorable.length ? Math.max(...restorable.map((r) => ms(r.latest!))) : null;

  const timeAt = (clientX: number) => {
    const rect = trackRef.current!.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    return { x: f * rect.width, t: Math.floor((lo + f * (hi - lo)) / 1000) * 1000 };
  };
  const onMove = (e: MouseEvent) => setHover(timeAt(e.clientX));
  const onClick = (e: MouseEvent) => onPick?.(timeAt(e.clientX).t);
  // a finger has no hover: on touch, the second follows the finger while it slides along the
  // track (the track keeps the pointer), and the page still scrolls vertically (pan-y)
  const dragging = useRef(false);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType === 'mouse' || !onPick) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    setHover(timeAt(e.clientX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const at = timeAt(e.clientX);
    setHover(at);
    onPick?.(at.t);
  };
  const onPointerEnd = () => {
    dragging.current = false;
  };
  const onKey = (e: KeyboardEvent) => {
    if (!onPick || earliest === null || latest === null) return;
    const base = selected ?? Math.floor(latest / 1000) * 1000;
    const step = e.shiftKey ? 60_000 : 1000;
    const next =
      e.key === 'ArrowLeft'
        ? base - step
        : e.key === 'ArrowRight'
          ? base + step
          : e.key === 'Home'
            ? Math.ceil(earliest / 1000) * 1000
            : e.key === 'End'
              ? Math.floor(latest / 1000) * 1000
              : null;
    if (next === null) return;
    e.preventDefault();
    onPick(
      Math.min(Math.floor(latest / 1000) * 1000, Math.max(Math.ceil(earliest / 1000) * 1000, next)),
    );
  };

  const axis = [0, 0.25, 0.5, 0.75, 1].map((f) => lo0 + f * (now - lo0));
  const edgeVisible = retentionEdge !== undefined && retentionEdge >= lo && retentionEdge <= hi;

  return (
    <div className={cx('select-none', className)} data-testid="window-timeline">
      <div className="flex">
        <div className="w-16 shrink-0 sm:w-20" />
        <div className="relative h-5 flex-1 text-[11px] text-zinc-500">
          <span className="absolute -translate-x-full pr-1" style={{ left: pct(now) }}>
            now
          </span>
          {edgeVisible ? (
            <span className="absolute pl-1 text-amber-700" style={{ left: pct(retentionEdge) }}>
              retention edge
            </span>
          ) : null}
        </div>
      </div>
      <div className="flex">
        <div className="w-16 shrink-0 space-y-2 sm:w-20">
          {regions.map((r) => (
            <div
              key={r.region}
              className="flex h-9 flex-col justify-center truncate pr-2 text-xs font-medium text-zinc-600"
              title={r.region}
            >
              <span className="truncate">{r.region}</span>
              {r.verifiedFraction != null ? (
                <span
                  className="text-[10px] font-normal text-emerald-700"
                  data-testid={`timeline-verified-fraction-${r.region}`}
                >
                  {Math.floor(r.verifiedFraction * 100)}% verified
                </span>
              ) : null}
            </div>
          ))}
        </div>
        <div
          ref={trackRef}
          role="slider"
          tabIndex={onPick ? 0 : -1}
          aria-label="Restorable window: pick a second (arrow keys move one second, Shift one minute)"
          aria-valuemin={earliest ?? undefined}
          aria-valuemax={latest ?? undefined}
          aria-valuenow={selected ?? undefined}
          aria-valuetext={selected ? format(selected) : 'no second picked'}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
          onClick={onClick}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onKeyDown={onKey}
          data-testid="timeline-track"
          className={cx(
            'relative flex-1 touch-pan-y space-y-2 rounded-md outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2',
            onPick && 'cursor-crosshair',
          )}
        >
          {regions.map((r) => (
            <div
              key={r.region}
              className="relative h-9 overflow-hidden rounded bg-zinc-100"
              data-testid={`timeline-region-${r.region}`}
            >
              {r.earliest && r.latest ? (
                <>
                  <div
                    className="absolute top-1 h-3.5 rounded-sm bg-indigo-200 ring-1 ring-inset ring-indigo-300"
                    style={{
                      left: pct(ms(r.earliest)),
                      width: width(ms(r.earliest), ms(r.latest)),
                    }}
                    title={`${r.region}: restorable ${format(ms(r.earliest))} → ${format(ms(r.latest))}`}
                  />
                  <div
                    className="absolute bottom-1 h-3 rounded-sm bg-amber-100 ring-1 ring-inset ring-amber-300"
                    style={{
                      left: pct(ms(r.earliest)),
                      width: width(ms(r.earliest), ms(r.latest)),
                    }}
                    title={`${r.region}: archived, not yet restored by a drill`}
                    data-testid="timeline-archived-only"
                  />
                </>
              ) : null}
              {(r.verified ?? []).map((v) => (
                <div
                  key={v.from}
                  className="absolute bottom-1 h-3 rounded-sm bg-emerald-500"
                  style={{
                    left: pct(ms(v.from)),
                    width: width(ms(v.from), ms(v.to)),
                    minWidth: 2,
                  }}
                  title={`verified by a drill in ${r.region}: ${format(ms(v.from))} → ${format(ms(v.to))}`}
                  data-testid="timeline-verified"
                />
              ))}
              {r.gaps.map((g) => (
                <div
                  key={g.from}
                  className="absolute inset-y-0 bg-red-500/80"
                  style={{ left: pct(ms(g.from)), width: width(ms(g.from), ms(g.to)), minWidth: 2 }}
                  title={`gap in WAL: ${format(ms(g.from))} → ${format(ms(g.to))}`}
                  data-testid="timeline-gap"
                />
              ))}
              {backups
                .filter((b) => b.region === r.region)
                .map((b) => (
                  <div
                    key={b.label}
                    className={cx(
                      'absolute inset-y-0 w-0.5 -translate-x-1/2',
                      b.type === 'full' ? 'bg-zinc-800' : 'bg-zinc-500',
                    )}
                    style={{ left: pct(ms(b.stoppedAt)) }}
                    title={`${b.type} backup ${b.label}, finished ${format(ms(b.stoppedAt))}`}
                    data-testid="timeline-backup"
                  />
                ))}
            </div>
          ))}
          <div
            aria-hidden
            className="pointer-events-none absolute -top-1 -bottom-1 w-px bg-zinc-900"
            style={{ left: pct(now) }}
          />
          {edgeVisible ? (
            <div
              aria-hidden
              className="pointer-events-none absolute -top-1 -bottom-1 w-px border-l border-dashed border-amber-600"
              style={{ left: pct(retentionEdge) }}
            />
          ) : null}
          {selected ? (
            <div
              aria-hidden
              className="pointer-events-none absolute -top-1.5 -bottom-1.5 w-0.5 -translate-x-1/2 rounded bg-indigo-700"
              style={{ left: pct(selected) }}
              data-testid="timeline-selected"
            />
          ) : null}
          {hover ? (
            <>
              <div
                aria-hidden
                className="pointer-events-none absolute inset-y-0 w-px bg-zinc-400"
                style={{ left: hover.x }}
              />
              <div
                className="pointer-events-none absolute -top-8 z-10 -translate-x-1/2 whitespace-nowrap rounded bg-zinc-900 px-2 py-1 font-mono text-[11px] text-white shadow"
                style={{
                  left: Math.max(70, Math.min(hover.x, (trackRef.current?.clientWidth ?? 0) - 70)),
                }}
                data-testid="timeline-hover"
              >
                {format(hover.t)}
              </div>
            </>
          ) : null}
        </div>
      </div>
      <div className="flex">
        <div className="w-16 shrink-0 sm:w-20" />
        <div className="relative mt-1 h-4 flex-1 text-[11px] text-zinc-500">
          {axis.map((t, i) => (
            <span
              key={t}
              className={cx(
                'absolute whitespace-nowrap font-mono',
                i === 0 ? '' : i === axis.length - 1 ? '-translate-x-full' : '-translate-x-1/2',
                i % 2 === 1 && 'hidden sm:inline',
              )}
              style={{ left: pct(t) }}
            >
              {format(t).slice(11, 19) || format(t)}
            </span>
          ))}
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-[11px] text-zinc-500">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm bg-indigo-200 ring-1 ring-indigo-300" />{' '}
          continuous WAL
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm bg-emerald-500" /> verified by a drill
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm bg-amber-100 ring-1 ring-amber-300" />{' '}
          archived only
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-3 w-0.5 bg-zinc-800" /> backup
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-3 bg-red-500/80" /> gap
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-3 w-px border-l border-dashed border-amber-600" />{' '}
          retention edge
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-3 w-0.5 bg-indigo-700" /> picked second
        </li>
      </ul>
    </div>
  );
}
