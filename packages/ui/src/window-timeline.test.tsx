// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WindowTimeline, type WindowTimelineProps } from './window-timeline';

const at = (iso: string) => Date.parse(iso);
// the page decides the zone; here the instance's, Kolkata, while the browser is in New York
// (Swedish dates read 2026-11-22 19:35:07)
const format = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Kolkata' });

const NOW = at('2026-11-22T12:00:00Z');
const EARLIEST = at('2026-11-22T10:00:00.400Z');
const LATEST = at('2026-11-22T11:59:58.700Z');
const TRACK = { left: 100, width: 800 };

function renderTimeline(props: Partial<WindowTimelineProps> = {}) {
  const onPick = vi.fn<(ms: number) => void>();
  const view = render(
    <WindowTimeline
      regions={[
        {
          region: 'eu-1',
          earliest: new Date(EARLIEST).toISOString(),
          latest: new Date(LATEST).toISOString(),
          gaps: [{ from: '2026-11-22T11:00:00Z', to: '2026-11-22T11:00:30Z' }],
        },
        { region: 'us-1', earliest: null, latest: null, gaps: [] },
      ]}
      backups={[
        {
          region: 'eu-1',
          label: '20261122-100000F',
          type: 'full',
          stoppedAt: '2026-11-22T10:05:00Z',
        },
      ]}
      now={NOW}
      onPick={onPick}
      format={format}
      {...props}
    />,
  );
  const track = screen.getByTestId('timeline-track');
  // happy-dom lays nothing out: the track is given a width so positions map to times
  track.getBoundingClientRect = () =>
    ({
      left: TRACK.left,
      width: TRACK.width,
      top: 0,
      height: 80,
      right: TRACK.left + TRACK.width,
      bottom: 80,
      x: TRACK.left,
      y: 0,
    }) as DOMRect;
  return { ...view, track, onPick };
}

/** Where the picture draws `el`'s left edge, as a clientX over the track. */
const clientXOf = (el: HTMLElement) =>
  TRACK.left + (Number.parseFloat(el.style.left) / 100) * TRACK.width;

describe('WindowTimeline', () => {
  beforeAll(() => {
    vi.stubEnv('TZ', 'America/New_York');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
  afterEach(cleanup);

  it('arrow keys move one second (Shift: a minute) and stay inside the restorable window, on whole seconds', () => {
    const { track, onPick, rerender } = renderTimeline();
    fireEvent.keyDown(track, { key: 'ArrowLeft' });
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T11:59:57Z'));
    fireEvent.keyDown(track, { key: 'ArrowLeft', shiftKey: true });
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T11:58:58Z'));
    fireEvent.keyDown(track, { key: 'ArrowRight' });
    // nothing picked yet: the latest whole second is the base, and the window ends there
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T11:59:58Z'));
    fireEvent.keyDown(track, { key: 'Home' });
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T10:00:01Z'));
    fireEvent.keyDown(track, { key: 'End' });
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T11:59:58Z'));

    rerender(
      <WindowTimeline
        regions={[
          {
            region: 'eu-1',
            earliest: new Date(EARLIEST).toISOString(),
            latest: new Date(LATEST).toISOString(),
            gaps: [],
          },
        ]}
        backups={[]}
        now={NOW}
        selected={at('2026-11-22T10:00:05Z')}
        onPick={onPick}
        format={format}
      />,
    );
    fireEvent.keyDown(track, { key: 'ArrowLeft', shiftKey: true });
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T10:00:01Z'));
    fireEvent.keyDown(track, { key: 'ArrowRight' });
    expect(onPick).toHaveBeenLastCalledWith(at('2026-11-22T10:00:06Z'));
    for (const [ms] of onPick.mock.calls) expect(ms % 1000).toBe(0);
  });

  it('a click picks the second drawn under the pointer, and hover reads it in the page zone', () => {
    const { track, onPick } = renderTimeline();
    const gap = screen.getByTestId('timeline-gap');
    fireEvent.click(track, { clientX: clientXOf(gap) });
    const picked = onPick.mock.calls[0]![0];
    expect(picked % 1000).toBe(0);
    // within one pixel's worth of time of where the gap starts (11:00:00 UTC)
    const msPerPx = ((NOW - EARLIEST) / TRACK.width) * 1.1;
    expect(Math.abs(picked - at('2026-11-22T11:00:00Z'))).toBeLessThanOrEqual(msPerPx);

    fireEvent.mouseMove(track, { clientX: clientXOf(gap) });
    expect(screen.getByTestId('timeline-hover').textContent).toBe(format(picked));
    expect(format(picked)).toMatch(/^2026-11-22 16:3\d:\d\d$/);
    fireEvent.mouseLeave(track);
    expect(screen.queryByTestId('timeline-hover')).toBeNull();

    fireEvent.click(track, { clientX: TRACK.left - 50 });
    fireEvent.click(track, { clientX: TRACK.left + TRACK.width + 50 });
    const [, left, right] = onPick.mock.calls.map(([ms]) => ms);
    expect(left!).toBeLessThan(EARLIEST);
    expect(right!).toBeGreaterThanOrEqual(NOW);
  });

  it('labels bands, gaps, backups, the axis and the picked second with the page zone', () => {
    renderTimeline({ selected: at('2026-11-22T11:30:15Z') });
    expect(
      screen.getByTitle('eu-1: restorable 2026-11-22 15:30:00 → 2026-11-22 17:29:58'),
    ).toBeTruthy();
    expect(screen.getByTitle('gap in WAL: 2026-11-22 16:30:00 → 2026-11-22 16:30:30')).toBeTruthy();
    expect(
      screen.getByTitle('full backup 20261122-100000F, finished 2026-11-22 15:35:00'),
    ).toBeTruthy();
    expect(screen.getByRole('slider').getAttribute('aria-valuetext')).toBe('2026-11-22 17:00:15');
    expect(screen.getByText('17:30:00')).toBeTruthy(); // the axis ends at now, in Kolkata
    expect(screen.getByTestId('timeline-region-us-1').children).toHaveLength(0);
  });

  it('shows the retention edge only when it falls inside the picture', () => {
    // the legend names it too: one more label when the edge is drawn
    renderTimeline({ retentionEdge: at('2026-11-22T10:30:00Z') });
    expect(screen.getAllByText('retention edge')).toHaveLength(2);
    cleanup();
    renderTimeline({ retentionEdge: at('2026-11-01T00:00:00Z') });
    expect(screen.getAllByText('retention edge')).toHaveLength(1);
  });

  it('without onPick the timeline is read-only', () => {
    const { track } = renderTimeline({ onPick: undefined });
    expect(track.getAttribute('tabindex')).toBe('-1');
    fireEvent.keyDown(track, { key: 'ArrowLeft' });
    fireEvent.click(track, { clientX: TRACK.left + 10 });
  });

  it('draws what drills verified as a second band over "archived only", in the page zone', () => {
    renderTimeline({
      regions: [
        {
          region: 'eu-1',
          earliest: new Date(EARLIEST).toISOString(),
          latest: new Date(LATEST).toISOString(),
          gaps: [],
          verified: [{ from: '2026-11-22T10:00:01Z', to: '2026-11-22T10:42:17Z' }],
          verifiedFraction: 0.352,
        },
      ],
    });
    const verified = screen.getAllByTestId('timeline-verified');
    expect(verified).toHaveLength(1);
    expect(verified[0]!.getAttribute('title')).toBe(
      'verified by a drill in eu-1: 2026-11-22 15:30:01 → 2026-11-22 16:12:17',
    );
    expect(screen.getAllByTestId('timeline-archived-only')).toHaveLength(1);
    expect(screen.getByTestId('timeline-verified-fraction-eu-1').textContent).toBe('35% verified');
    expect(screen.getByText('verified by a drill')).toBeTruthy();
    expect(screen.getByText('archived only')).toBeTruthy();
  });
});
