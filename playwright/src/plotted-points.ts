import type { Locator, Page, Response } from 'playwright-core';

/**
 * What a dashboard chart drew: every bar or point the charts mark with `data-plot="<chart>"`,
 * with its series and value (see plottedBar / plottedDot in apps/web), inside `within`.
 */
export async function plottedPoints(
  within: Locator,
  chart: string,
): Promise<{ series: string; value: number }[]> {
  return within.locator(`[data-plot="${chart}"]`).evaluateAll((els) =>
    els.map((e) => ({
      series: e.getAttribute('data-series') ?? '',
      value: Number(e.getAttribute('data-value')),
    })),
  );
}

/** Counts per series, for comparing with what the API answered. */
export function countBySeries(points: { series: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of points) out[p.series] = (out[p.series] ?? 0) + 1;
  return out;
}

/** The JSON of the next response whose URL contains `fragment` (what the page itself drew from). */
export async function nextJson<T>(page: Page, fragment: string, act: () => Promise<unknown>) {
  const [res] = await Promise.all([
    page.waitForResponse((r: Response) => r.url().includes(fragment) && r.status() === 200),
    act(),
  ]);
  return { body: (await res.json()) as T, at: new Date() };
}
