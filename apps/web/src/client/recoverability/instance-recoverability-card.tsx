'use client';

import { DASHBOARD_RANGE_KEYS, DASHBOARD_RANGES, type DashboardRange } from '@rewind/core/client';
import { ErrorState, Spinner } from '@rewind/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { InstanceRecoverabilityDashboard } from '@/lib/api-types';
import { api } from '../api';
import { formatAxisTick, formatDuration, formatInstant, offsetLabel } from '../time';
import {
  AXIS_TICK,
  ChartFigure,
  ShareBarChart,
  COLORS,
  percent,
  plottedBar,
  plottedDot,
  RangeSwitch,
  regionColor,
} from './chart-parts';

const RANGES = DASHBOARD_RANGE_KEYS.map((key) => ({ key, label: DASHBOARD_RANGES[key].label }));
const HEIGHT = 220;

/**
 * The instance's recoverability at a glance: its recovery point age over time per region, what
 * drills verified of each region's window, and the newest drills (how long each took, passed or
 * not). Times in the zone the portal shows (`tz`).
 */
export function InstanceRecoverabilityCard({ instanceId, tz }: { instanceId: string; tz: string }) {
  const [range, setRange] = useState<DashboardRange>('24h');
  const query = useQuery({
    queryKey: ['instance', instanceId, 'recoverability', range],
    queryFn: () =>
      api<InstanceRecoverabilityDashboard>(
        `/api/v1/instances/${encodeURIComponent(instanceId)}/recoverability?range=${range}`,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  return (
    <section aria-labelledby="recoverability-heading" data-testid="instance-recoverability">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="recoverability-heading" className="text-lg font-semibold">
          Recoverability
        </h2>
        <RangeSwitch ranges={RANGES} value={range} onChange={setRange} />
      </div>
      {query.isPending ? (
        <div
          className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-white px-4 py-10 text-sm text-zinc-600"
          data-testid="recoverability-loading"
        >
          <Spinner label="Loading recoverability" /> Loading recoverability…
        </div>
      ) : query.isError ? (
        <ErrorState title="Could not load recoverability" message={query.error.message} />
      ) : (
        <Charts d={query.data} tz={tz} />
      )}
    </section>
  );
}

function Charts({ d, tz }: { d: InstanceRecoverabilityDashboard; tz: string }) {
  const span = DASHBOARD_RANGES[d.range].seconds;
  // one row per bucket, a column per region: the shape a multi-line chart draws
  const rows = useMemo(() => {
    const byAt = new Map<string, Record<string, number | null | string>>();
    for (const p of d.recoveryPointAge) {
      const row = byAt.get(p.at) ?? { at: p.at };
      row[p.region] = p.maxAgeSeconds;
      byAt.set(p.at, row);
    }
    return [...byAt.values()].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  }, [d.recoveryPointAge]);
  const drills = [...d.drills].reverse().map((x) => ({ ...x, seconds: x.durationSeconds ?? 0 }));
  const zoneNote = `Times in ${tz} (${offsetLabel(Date.parse(d.to), tz)}).`;

  return (
    <div
      className="grid gap-4 lg:grid-cols-2"
      data-testid="recoverability-charts"
      data-range={d.range}
    >
      <ChartFigure
        title="Recovery point age"
        testId="chart-rpo-trend"
        className="lg:col-span-2"
        legend={d.regions.map((r, i) => ({ label: r, color: regionColor(i) }))}
        empty={rows.length === 0 ? 'No catalog sync sampled in this range yet.' : null}
        caption={`How far the newest restorable second trailed, the worst sample per ${formatDuration(d.bucketSeconds)}. ${zoneNote}`}
        table={{
          head: ['From', ...d.regions.map((r) => `${r} (s)`)],
          rows: rows.map((r) => [
            formatInstant(Date.parse(String(r.at)), tz),
            ...d.regions.map((g) =>
              r[g] == null ? 'nothing restorable' : Math.round(Number(r[g])),
            ),
          ]),
        }}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={rows} accessibilityLayer={false} margin={{ left: -8, right: 20 }}>
            <CartesianGrid vertical={false} stroke={COLORS.grid} />
            <XAxis
              dataKey="at"
              tickFormatter={(iso: string) => formatAxisTick(Date.parse(iso), tz, span)}
              tick={AXIS_TICK}
              minTickGap={28}
            />
            <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatDuration(v)} width={64} />
            <Tooltip
              labelFormatter={(iso) => formatInstant(Date.parse(String(iso)), tz)}
              formatter={(v) => (v == null ? 'nothing restorable' : formatDuration(Number(v)))}
            />
            {d.regions.map((region, i) => (
              <Line
                key={region}
                dataKey={region}
                type="monotone"
                stroke={regionColor(i)}
                strokeWidth={2}
                connectNulls={false}
                isAnimationActive={false}
                dot={plottedDot('rpo-trend', region, regionColor(i))}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>

      <ChartFigure
        title="Verified by drills"
        testId="chart-coverage"
        caption="Share of each region's restorable window that a successful drill has proven."
        table={{
          head: ['Region', 'Verified'],
          rows: d.coverage.map((c) => [c.region, percent(c.verifiedFraction)]),
        }}
      >
        <ShareBarChart
          data={d.coverage.map((c) => ({ ...c, fraction: c.verifiedFraction ?? 0 }))}
          categoryKey="region"
          height={HEIGHT}
        >
          <Bar
            dataKey="fraction"
            name="verified"
            isAnimationActive={false}
            background={{ fill: '#f4f4f5' }}
            shape={plottedBar('coverage', 'verified', (p) => (p as { fraction: number }).fraction)}
          >
            {d.coverage.map((c, i) => (
              <Cell key={c.region} fill={regionColor(i)} />
            ))}
          </Bar>
        </ShareBarChart>
      </ChartFigure>

      <ChartFigure
        title="Last drills"
        testId="chart-drills"
        legend={[
          { label: 'passed', color: COLORS.succeeded },
          { label: 'failed', color: COLORS.failed },
          { label: 'running', color: COLORS.other },
        ]}
        empty={drills.length === 0 ? 'No drill has run yet.' : null}
        caption={`How long each of the newest ${drills.length} drills took, oldest first. ${zoneNote}`}
        table={{
          head: ['Started', 'Region', 'Result', 'Target', 'Took'],
          rows: drills.map((x) => [
            formatInstant(Date.parse(x.startedAt), tz),
            x.region ?? '–',
            x.status === 'failed' && x.failedCheck ? `failed (${x.failedCheck})` : x.status,
            x.targetTime ? formatInstant(Date.parse(x.targetTime), tz) : (x.targetKind ?? '–'),
            x.durationSeconds === null ? '–' : formatDuration(x.durationSeconds),
          ]),
        }}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={drills} accessibilityLayer={false} margin={{ left: -8, right: 8 }}>
            <CartesianGrid vertical={false} stroke={COLORS.grid} />
            <XAxis
              dataKey="startedAt"
              tickFormatter={(iso: string) => formatAxisTick(Date.parse(iso), tz, 86_400)}
              tick={AXIS_TICK}
              minTickGap={16}
            />
            <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatDuration(v)} width={64} />
            <Tooltip
              labelFormatter={(iso) => formatInstant(Date.parse(String(iso)), tz)}
              formatter={(v) => formatDuration(Number(v))}
            />
            <Bar
              dataKey="seconds"
              name="took"
              maxBarSize={56}
              isAnimationActive={false}
              shape={plottedBar('drills', 'took', (p) => (p as { seconds: number }).seconds)}
            >
              {drills.map((x) => (
                <Cell
                  key={x.id}
                  fill={
                    x.status === 'succeeded'
                      ? COLORS.succeeded
                      : x.status === 'failed'
                        ? COLORS.failed
                        : COLORS.other
                  }
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
