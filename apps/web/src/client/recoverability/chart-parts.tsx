'use client';

import { cx } from '@rewind/ui';
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
  type DotItemDotProps,
} from 'recharts';

/** Series colours: passing green, failing red, neither grey; regions indigo then amber. */
export const COLORS = {
  succeeded: '#059669',
  failed: '#dc2626',
  other: '#a1a1aa',
  p50: '#4f46e5',
  p95: '#a5b4fc',
  grid: '#e4e4e7',
  axis: '#52525b',
} as const;
const REGION_COLORS = ['#4f46e5', '#d97706', '#0891b2', '#be185d'];
export const regionColor = (i: number) => REGION_COLORS[i % REGION_COLORS.length]!;

export const AXIS_TICK = { fill: COLORS.axis, fontSize: 12 } as const;

/**
 * A bar that is drawn only when its value is above zero, marked for tests
 * (`data-plot="<chart>"`, `data-series`, `data-value`): what is plotted can be counted against
 * the API's answer.
 */
export function plottedBar(chart: string, series: string, valueOf: (payload: unknown) => number) {
  function PlottedBar(props: BarShapeProps) {
    const value = valueOf(props.payload);
    if (!(value > 0) || !(props.width > 0) || !(props.height > 0)) return <g />;
    return (
      <rect
        x={props.x}
        y={props.y}
        width={props.width}
        height={props.height}
        fill={props.fill}
        rx={2}
        data-plot={chart}
        data-series={series}
        data-value={value}
      />
    );
  }
  return PlottedBar;
}

/**
 * The bars of a chart, one per series (stacked when `stackId` is given), each drawn and marked
 * by plottedBar under the series' name. Returned as elements, not a component: recharts reads
 * its Bars from the chart's direct children.
 */
export function seriesBars(
  chart: string,
  series: readonly { key: string; color: string; name?: string }[],
  stackId?: string,
) {
  return series.map((s) => (
    <Bar
      key={s.key}
      dataKey={s.key}
      name={s.name ?? s.key}
      fill={s.color}
      maxBarSize={56}
      isAnimationActive={false}
      {...(stackId ? { stackId } : {})}
      shape={plottedBar(chart, s.name ?? s.key, (p) =>
        Number((p as Record<string, unknown>)[s.key] ?? 0),
      )}
    />
  ));
}

/** A line's point, drawn only where there is a value, marked like plottedBar. */
export function plottedDot(chart: string, series: string, color: string) {
  function PlottedDot(props: DotItemDotProps) {
    const value = props.value as number | null | undefined;
    if (value === null || value === undefined || props.cx == null || props.cy == null)
      return <g key={`${series}-${props.index}`} />;
    return (
      <circle
        key={`${series}-${props.index}`}
        cx={props.cx}
        cy={props.cy}
        r={3}
        fill="#fff"
        stroke={color}
        strokeWidth={2}
        data-plot={chart}
        data-series={series}
        data-value={value}
      />
    );
  }
  return PlottedDot;
}

/**
 * One chart: a heading, a line of context, the chart itself hidden from assistive technology,
 * and the same numbers as a table for screen readers (the chart's text alternative).
 */
export function ChartFigure({
  title,
  caption,
  testId,
  table,
  legend,
  empty,
  children,
  className,
}: {
  title: string;
  caption?: ReactNode;
  testId: string;
  table: { head: string[]; rows: (string | number)[][] };
  legend?: { label: string; color: string }[];
  /** said instead of the chart when there is nothing to draw */
  empty?: string | null;
  children: ReactNode;
  className?: string;
}) {
  return (
    <figure
      className={cx('min-w-0 rounded-lg border border-zinc-200 bg-white p-4 sm:p-5', className)}
      data-testid={testId}
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {legend ? (
          <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-zinc-600" aria-hidden="true">
            {legend.map((l) => (
              <li key={l.label} className="flex items-center gap-1.5">
                <span
                  className="inline-block size-2.5 rounded-sm"
                  style={{ background: l.color }}
                />
                {l.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {empty ? (
        <p className="flex min-h-60 items-center justify-center text-sm text-zinc-600">{empty}</p>
      ) : (
        <div aria-hidden="true">{children}</div>
      )}
      {caption ? <figcaption className="mt-2 text-xs text-zinc-600">{caption}</figcaption> : null}
      {/* sr-only on a wrapper, not the table: a table is never narrower than its content, so a
          visually hidden table still widened the page (horizontal scroll at 390 px) */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The 24 h / 7 d / 30 d switch: one pressed button per range. */
export function RangeSwitch<R extends string>({
  ranges,
  value,
  onChange,
}: {
  ranges: readonly { key: R; label: string }[];
  value: R;
  onChange: (r: R) => void;
}) {
  return (
    <div
      role="group"
      aria-label="Time range"
      className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 text-sm"
      data-testid="range-switch"
    >
      {ranges.map((r) => (
        <button
          key={r.key}
          type="button"
          aria-pressed={r.key === value}
          onClick={() => onChange(r.key)}
          className={cx(
            'rounded px-3 py-1 font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600',
            r.key === value ? 'bg-zinc-900 text-white' : 'text-zinc-700 hover:bg-zinc-100',
          )}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}

/** A headline number with what it is and a line of context. */
export function StatTile({
  label,
  value,
  detail,
  tone = 'neutral',
  testId,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  tone?: 'good' | 'bad' | 'neutral';
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4" data-testid={testId}>
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-600">{label}</p>
      <p
        className={cx(
          'mt-1 text-2xl font-semibold tabular-nums',
          tone === 'good' ? 'text-emerald-700' : tone === 'bad' ? 'text-red-700' : 'text-zinc-900',
        )}
      >
        {value}
      </p>
      {detail ? <p className="mt-1 text-xs text-zinc-600">{detail}</p> : null}
    </div>
  );
}

export const percent = (r: number | null) => (r === null ? '–' : `${Math.round(r * 1000) / 10}%`);

/**
 * Horizontal bars of shares (0–1) by category, one row each: the recovery-point-age and the
 * verified-by-drills charts. The bars themselves (`<Bar>`s) are the children.
 */
export function ShareBarChart({
  data,
  categoryKey,
  height,
  children,
}: {
  data: readonly object[];
  categoryKey: string;
  height: number;
  children: ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={[...data]}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ left: 8, right: 16 }}
      >
        <CartesianGrid horizontal={false} stroke={COLORS.grid} />
        <XAxis
          type="number"
          domain={[0, 1]}
          tick={AXIS_TICK}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
        />
        <YAxis type="category" dataKey={categoryKey} tick={AXIS_TICK} width={80} />
        <Tooltip formatter={(v) => percent(Number(v))} />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}
