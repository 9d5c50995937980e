'use client';

import { DASHBOARD_RANGES, FLEET_DASHBOARD_RANGES, type DashboardRange } from '@rewind/core/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FleetRecoverabilityDashboard } from '@/server/admin/admin-types';
import { PageTitle } from '../admin/admin-shell';
import { QueryStates } from '../admin/query-states';
import { api } from '../api';
import { formatAxisTick, formatDuration, formatInstant, offsetLabel } from '../time';
import { Instant, useDisplayZone } from '../zone-context';
import {
  AXIS_TICK,
  ChartFigure,
  ShareBarChart,
  COLORS,
  percent,
  RangeSwitch,
  regionColor,
  seriesBars,
  StatTile,
} from './chart-parts';

type FleetRange = (typeof FLEET_DASHBOARD_RANGES)[number];
const RANGES = FLEET_DASHBOARD_RANGES.map((key) => ({ key, label: DASHBOARD_RANGES[key].label }));
const HEIGHT = 240;

export function FleetRecoverabilityView() {
  const [range, setRange] = useState<FleetRange>('24h');
  const query = useQuery({
    queryKey: ['admin', 'recoverability', range],
    queryFn: () => api<FleetRecoverabilityDashboard>(`/api/v1/admin/recoverability?range=${range}`),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  return (
    <>
      <PageTitle
        title="Recoverability"
        description="Every tenant's restores and drills, recovery point age and open alerts, from the control database's history."
        actions={<RangeSwitch ranges={RANGES} value={range} onChange={setRange} />}
      />
      <QueryStates query={query} what="recoverability">
        {(d) => <Dashboard d={d} />}
      </QueryStates>
    </>
  );
}

function Dashboard({ d }: { d: FleetRecoverabilityDashboard }) {
  const zone = useDisplayZone();
  const span = DASHBOARD_RANGES[d.range as DashboardRange].seconds;
  const tick = (iso: string) => formatAxisTick(Date.parse(iso), zone, span);
  const drillsPassed = d.drills.reduce((a, r) => a + r.passed, 0);
  const drillsFailed = d.drills.reduce((a, r) => a + r.failed, 0);
  const drillRate =
    drillsPassed + drillsFailed > 0 ? drillsPassed / (drillsPassed + drillsFailed) : null;
  const finished = d.restores.succeeded + d.restores.failed;
  const rtoOf = (kind: 'user' | 'drill') => d.restores.durations.find((x) => x.kind === kind);
  const zoneNote = `Times in ${zone} (${offsetLabel(Date.parse(d.to), zone)}).`;

  return (
    <div className="space-y-6" data-testid="fleet-recoverability" data-range={d.range}>
      <p className="text-xs text-zinc-600">
        From <Instant iso={d.from} /> to <Instant iso={d.to} />
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <StatTile
          label="Restore success"
          value={percent(d.restores.successRate)}
          detail={`${d.restores.succeeded} of ${finished} finished, drills included`}
          tone={
            d.restores.successRate === null
              ? 'neutral'
              : d.restores.successRate >= 0.99
                ? 'good'
                : 'bad'
          }
          testId="stat-restore-success"
        />
        <StatTile
          label="Time to restore"
          value={
            rtoOf('drill') || rtoOf('user')
              ? formatDuration((rtoOf('user') ?? rtoOf('drill'))!.p50Seconds)
              : '–'
          }
          detail={
            (rtoOf('user') ?? rtoOf('drill'))
              ? `median, ${rtoOf('user') ? 'user restores' : 'drills'}; p95 ${formatDuration((rtoOf('user') ?? rtoOf('drill'))!.p95Seconds)}`
              : 'no successful restore'
          }
          testId="stat-rto"
        />
        <StatTile
          label="Recovery point age"
          value={
            d.recoveryPointAge.p95Seconds === null
              ? '–'
              : formatDuration(d.recoveryPointAge.p95Seconds)
          }
          detail={`p95 over ${d.recoveryPointAge.instances} instance${d.recoveryPointAge.instances === 1 ? '' : 's'}`}
          testId="stat-rpo"
        />
        <StatTile
          label="Drill pass rate"
          value={percent(drillRate)}
          detail={`${drillsPassed} passed, ${drillsFailed} failed`}
          tone={drillRate === null ? 'neutral' : drillRate >= 0.99 ? 'good' : 'bad'}
          testId="stat-drills"
        />
        <StatTile
          label="Open alerts"
          value={String(d.alerts.open)}
          detail={
            d.alerts.open === 0
              ? 'nothing needs a look'
              : `${d.alerts.byKind.length} kind${d.alerts.byKind.length === 1 ? '' : 's'}`
          }
          tone={d.alerts.open === 0 ? 'good' : 'bad'}
          testId="stat-alerts"
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <ChartFigure
          title="Restores finished"
          testId="chart-restores"
          empty={finished + d.restores.other === 0 ? 'No restore finished in this range.' : null}
          legend={[
            { label: 'succeeded', color: COLORS.succeeded },
            { label: 'failed', color: COLORS.failed },
            { label: 'cancelled, rejected, expired', color: COLORS.other },
          ]}
          caption={`Per ${formatDuration(d.bucketSeconds)}, drills included. ${zoneNote}`}
          table={{
            head: ['From', 'Succeeded', 'Failed', 'Other'],
            rows: d.restores.buckets
              .filter((b) => b.succeeded + b.failed + b.other > 0)
              .map((b) => [formatInstant(Date.parse(b.at), zone), b.succeeded, b.failed, b.other]),
          }}
        >
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart
              data={d.restores.buckets}
              accessibilityLayer={false}
              margin={{ left: -20, right: 16 }}
            >
              <CartesianGrid vertical={false} stroke={COLORS.grid} />
              <XAxis dataKey="at" tickFormatter={tick} tick={AXIS_TICK} minTickGap={24} />
              <YAxis allowDecimals={false} tick={AXIS_TICK} />
              <Tooltip labelFormatter={(iso) => formatInstant(Date.parse(String(iso)), zone)} />
              {seriesBars(
                'restores',
                (['succeeded', 'failed', 'other'] as const).map((k) => ({
                  key: k,
                  color: COLORS[k],
                })),
                'r',
              )}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>

        <ChartFigure
          title="Time to restore by phase"
          testId="chart-phases"
          empty={d.phases.length === 0 ? 'No restore ran in this range.' : null}
          legend={[
            { label: 'p50', color: COLORS.p50 },
            { label: 'p95', color: COLORS.p95 },
          ]}
          caption="Seconds spent in each phase, over the restores and drills requested in the range."
          table={{
            head: ['Phase', 'p50 (s)', 'p95 (s)', 'Restores'],
            rows: d.phases.map((p) => [p.phase, round(p.p50Seconds), round(p.p95Seconds), p.count]),
          }}
        >
          <ResponsiveContainer width="100%" height={Math.max(HEIGHT, d.phases.length * 34)}>
            <BarChart
              data={d.phases.map((p) => ({ ...p, phase: p.phase.replaceAll('_', ' ') }))}
              layout="vertical"
              accessibilityLayer={false}
              margin={{ left: 8, right: 12 }}
            >
              <CartesianGrid horizontal={false} stroke={COLORS.grid} />
              <XAxis type="number" tick={AXIS_TICK} unit=" s" />
              <YAxis type="category" dataKey="phase" tick={AXIS_TICK} width={140} />
              <Tooltip formatter={(v) => formatDuration(Number(v))} />
              {seriesBars('phases', [
                { key: 'p50Seconds', name: 'p50', color: COLORS.p50 },
                { key: 'p95Seconds', name: 'p95', color: COLORS.p95 },
              ])}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>

        <ChartFigure
          title="Recovery point age"
          testId="chart-rpo"
          empty={
            d.recoveryPointAge.bins.every((b) => b.samples === 0)
              ? 'No catalog sync was sampled in this range.'
              : null
          }
          caption={`Share of the catalog syncs in the range by how far the newest restorable second trailed (each instance's best region)${d.recoveryPointAge.none > 0 ? `; ${d.recoveryPointAge.none} with nothing restorable yet` : ''}.`}
          table={{
            head: ['Age', 'Samples', 'Share'],
            rows: d.recoveryPointAge.bins.map((b) => [b.label, b.samples, percent(b.share)]),
          }}
        >
          <ShareBarChart data={d.recoveryPointAge.bins} categoryKey="label" height={HEIGHT}>
            {seriesBars('rpo', [{ key: 'share', color: COLORS.p50 }])}
          </ShareBarChart>
        </ChartFigure>

        <ChartFigure
          title="Drills per region"
          testId="chart-drills"
          empty={
            d.drills.every((r) => r.passed + r.failed === 0)
              ? 'No drill finished in this range.'
              : null
          }
          legend={[
            { label: 'passed', color: COLORS.succeeded },
            { label: 'failed', color: COLORS.failed },
          ]}
          caption={d.drills.map((r) => `${r.region}: ${percent(r.passRate)} passed`).join(' · ')}
          table={{
            head: ['Region', 'Passed', 'Failed', 'Pass rate'],
            rows: d.drills.map((r) => [r.region, r.passed, r.failed, percent(r.passRate)]),
          }}
        >
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={d.drills} accessibilityLayer={false} margin={{ left: -20, right: 16 }}>
              <CartesianGrid vertical={false} stroke={COLORS.grid} />
              <XAxis dataKey="region" tick={AXIS_TICK} />
              <YAxis allowDecimals={false} tick={AXIS_TICK} />
              <Tooltip />
              {seriesBars(
                'drills',
                [
                  { key: 'passed', color: COLORS.succeeded },
                  { key: 'failed', color: COLORS.failed },
                ],
                'd',
              )}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>

      <section
        className="rounded-lg border border-zinc-200 bg-white p-4 sm:p-5"
        aria-labelledby="open-alerts"
        data-testid="open-alerts"
      >
        <h2 id="open-alerts" className="mb-3 text-sm font-semibold text-zinc-900">
          Open alerts
        </h2>
        {d.alerts.open === 0 ? (
          <p className="text-sm text-zinc-600">No alert is open.</p>
        ) : (
          <>
            <ul className="mb-3 flex flex-wrap gap-2" aria-label="Open alerts by kind">
              {d.alerts.byKind.map((k, i) => (
                <li
                  key={k.kind}
                  className="flex items-center gap-1.5 rounded-full border border-zinc-200 px-2.5 py-0.5 text-xs text-zinc-700"
                >
                  <span
                    className="inline-block size-2 rounded-full"
                    style={{ background: regionColor(i) }}
                  />
                  {k.kind.replaceAll('_', ' ')} <span className="font-semibold">{k.count}</span>
                </li>
              ))}
            </ul>
            <ul className="divide-y divide-zinc-100 text-sm" aria-label="Newest open alerts">
              {d.alerts.newest.map((a) => (
                <li key={a.id} className="py-2">
                  <p className="text-zinc-900">{a.summary}</p>
                  <p className="text-xs text-zinc-600">
                    {a.tenant ?? 'fleet'}
                    {a.instance ? ` / ${a.instance}` : ''} · since <Instant iso={a.firstSeenAt} />
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

const round = (s: number) => Math.round(s * 10) / 10;
