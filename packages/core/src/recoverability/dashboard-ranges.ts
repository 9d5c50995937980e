/**
 * The ranges the recoverability dashboards offer, with the bucket each chart draws at: bars
 * (restores, drills) at an hour, six hours or a day; the recovery-point-age trend finer, so a
 * stall of a few minutes still shows as a peak. One definition for the query parser, the
 * services that aggregate and the range switch on screen.
 */
export const DASHBOARD_RANGES = {
  '1h': { label: '1 h', seconds: 3_600, barSeconds: 300, trendSeconds: 60 },
  '24h': { label: '24 h', seconds: 86_400, barSeconds: 3_600, trendSeconds: 300 },
  '7d': { label: '7 d', seconds: 7 * 86_400, barSeconds: 6 * 3_600, trendSeconds: 1_800 },
  '30d': { label: '30 d', seconds: 30 * 86_400, barSeconds: 86_400, trendSeconds: 7_200 },
} as const;
export type DashboardRange = keyof typeof DASHBOARD_RANGES;
export const DASHBOARD_RANGE_KEYS = ['1h', '24h', '7d', '30d'] as const satisfies DashboardRange[];
/** the fleet dashboard's ranges (the 24 h / 7 d / 30 d); an instance also offers 1 h */
export const FLEET_DASHBOARD_RANGES = ['24h', '7d', '30d'] as const satisfies DashboardRange[];

/** recovery point age bins of the fleet distribution, in seconds (1 min, 5 min, 15 min, 1 h, 6 h) */
export const RECOVERY_POINT_AGE_EDGES = [60, 300, 900, 3_600, 21_600] as const;

/**
 * The start of the range that ends at `now`, aligned down to the range's bar bucket so every
 * bucket is whole and a reload a minute later draws the same bars.
 */
export function dashboardRangeStart(range: DashboardRange, now: Date): Date {
  const r = DASHBOARD_RANGES[range];
  const end = Math.ceil(now.getTime() / 1000 / r.barSeconds) * r.barSeconds;
  return new Date((end - r.seconds) * 1000);
}
