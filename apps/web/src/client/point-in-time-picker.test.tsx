// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackupItem, InstanceDetailFull } from '@/lib/api-types';
import { PointInTimePicker, type PickedTarget } from './point-in-time-picker';
import type { ZoneChoice } from './time';

const at = (iso: string) => Date.parse(iso);

// the instance reads its times in Kolkata; the browser is in New York; neither is UTC
const instance: InstanceDetailFull = {
  id: 'inst-1',
  name: 'orders',
  status: 'running',
  kind: 'primary',
  pgVersion: 15,
  createdAt: '2026-11-01T00:00:00Z',
  expiresAt: null,
  timezone: 'Asia/Kolkata',
  healthReason: null,
  clockSkewMs: null,
  probedAt: null,
  connection: {
    host: '127.0.0.1',
    port: 55001,
    database: 'orders',
    user: 'orders',
    access: 'owner',
  },
  window: {
    regions: [
      {
        region: 'eu-1',
        earliest: '2026-11-20T00:00:00Z',
        latest: '2026-11-22T14:05:07.800Z',
        gaps: [],
        rpoSeconds: 3,
        latestCommitAt: '2026-11-22T14:05:07.800Z',
        archivedThroughAt: null,
        unarchivedWalBytes: null,
        archiveOk: true,
        error: null,
        syncedAt: '2026-11-22T14:05:10Z',
        verified: [],
        verifiedFraction: 0,
      },
    ],
  },
  rpoSeconds: 3,
  lastBackup: null,
  geoCheck: null,
};
const backups: BackupItem[] = [
  {
    label: '20261122-100000F',
    type: 'full',
    region: 'eu-1',
    startedAt: '2026-11-22T10:00:00.000Z',
    stoppedAt: '2026-11-22T10:04:00Z',
    sizeBytes: 1,
  },
];

/** The page's side: it owns the picked target and the zone, as RestorePanel does. */
function Page({
  onChange,
  initialZone,
}: {
  onChange: (t: PickedTarget) => void;
  initialZone: ZoneChoice;
}) {
  const [value, setValue] = useState<PickedTarget | null>(null);
  const [zone, setZone] = useState<ZoneChoice>(initialZone);
  return (
    <PointInTimePicker
      instance={instance}
      backups={backups}
      value={value}
      onChange={(t) => {
        setValue(t);
        onChange(t);
      }}
      zone={zone}
      onZoneChange={setZone}
    />
  );
}

function renderPicker(initialZone: ZoneChoice = 'instance') {
  const onChange = vi.fn<(t: PickedTarget) => void>();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Page onChange={onChange} initialZone={initialZone} />
    </QueryClientProvider>,
  );
  const type = (date: string, time: string) => {
    fireEvent.change(screen.getByTestId('pitr-date'), { target: { value: date } });
    fireEvent.change(screen.getByTestId('pitr-time'), { target: { value: time } });
  };
  // a time input may drop zero seconds from its value (15:00:00 reads 15:00)
  const fields = () => {
    const time = (screen.getByTestId('pitr-time') as HTMLInputElement).value;
    return {
      date: (screen.getByTestId('pitr-date') as HTMLInputElement).value,
      time: time.length === 5 ? `${time}:00` : time,
    };
  };
  const sentAs = () => screen.getByTestId('pitr-utc').textContent;
  return { onChange, type, fields, sentAs };
}

describe('PointInTimePicker', () => {
  beforeAll(() => {
    vi.stubEnv('TZ', 'America/New_York');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
  afterEach(cleanup);

  it('reads typed fields in the instance zone and sends the UTC second', () => {
    const { onChange, type, sentAs } = renderPicker('instance');
    expect(screen.getByTestId('zone-instance').textContent).toBe('Instance (Asia/Kolkata)');
    type('2026-11-22', '19:35:07');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'instant', ms: at('2026-11-22T14:05:07Z') });
    expect(sentAs()).toBe('Sent as 2026-11-22T14:05:07Z · 2026-11-22 14:05:07 UTC');
    expect(screen.getByTestId('pitr-zone').textContent).toBe('Asia/Kolkata · UTC+05:30');
  });

  it('shows the same instant in each zone the person switches to', () => {
    const { type, fields, sentAs } = renderPicker('instance');
    type('2026-11-23', '01:30:00');
    expect(sentAs()).toContain('2026-11-22T20:00:00Z');
    fireEvent.click(screen.getByTestId('zone-local'));
    expect(screen.getByTestId('zone-local').textContent).toBe('Browser (America/New_York)');
    expect(fields()).toEqual({ date: '2026-11-22', time: '15:00:00' });
    expect(screen.getByTestId('pitr-zone').textContent).toBe('America/New_York · UTC-05:00');
    fireEvent.click(screen.getByTestId('zone-utc'));
    expect(fields()).toEqual({ date: '2026-11-22', time: '20:00:00' });
    expect(sentAs()).toBe('Sent as 2026-11-22T20:00:00Z');
  });

  it('refuses a wall time the browser zone skips at a clock change, and sends nothing', () => {
    const { onChange, type } = renderPicker('local');
    type('2026-03-08', '02:30:00');
    expect(
      screen.getByText(
        /^2026-03-08 02:30(:00)? does not exist in America\/New_York \(a clock change skips it\)$/,
      ),
    ).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
    type('2026-03-08', '03:30:00');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'instant', ms: at('2026-03-08T07:30:00Z') });
  });

  it('a time without seconds means second :00', () => {
    const { onChange, type } = renderPicker('instance');
    type('2026-11-22', '19:35');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'instant', ms: at('2026-11-22T14:05:00Z') });
  });

  it('quick picks land on whole seconds: the latest restorable one, and the last one before a backup began', () => {
    const { onChange, fields } = renderPicker('instance');
    fireEvent.click(screen.getByText('Latest restorable now'));
    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'instant',
      ms: at('2026-11-22T14:05:07Z'),
      via: 'latest restorable second',
    });
    expect(fields()).toEqual({ date: '2026-11-22', time: '19:35:07' });
    fireEvent.click(screen.getByText('Before the last backup'));
    // the backup began at 10:00:00.000 exactly: that second would include it
    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'instant',
      ms: at('2026-11-22T09:59:59Z'),
      via: 'before backup 20261122-100000F',
    });
  });

  it('offers only picks inside the window, and `latest` worked out when the restore starts', () => {
    const { onChange, sentAs } = renderPicker('instance');
    // the window ends on 2026-11-22: "5 minutes ago" (today) is outside it
    expect(screen.queryByText('5 minutes ago')).toBeNull();
    fireEvent.click(screen.getByText('Latest, worked out when the restore starts'));
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'latest' });
    expect(sentAs()).toBe('Sent as latest · the newest restorable second when it starts');
  });

  it('inputs are 24-hour text: 7 pm is 19:00, and "7:00 PM" is refused', () => {
    const { onChange, type } = renderPicker('utc');
    type('2026-11-22', '7:00 PM');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText(/HH:MM:SS \(24-hour\)/)).toBeTruthy();
    type('2026-11-22', '19:00:00');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'instant', ms: at('2026-11-22T19:00:00Z') });
  });

  it('a pasted RFC 3339 time fills the fields (in the chosen zone) and is sent exactly as pasted', () => {
    const { onChange, sentAs, fields } = renderPicker('instance');
    fireEvent.change(screen.getByTestId('pitr-paste'), {
      target: { value: ' 2026-11-22T09:05:07-05:00 ' },
    });
    fireEvent.click(screen.getByTestId('pitr-paste-use'));
    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'instant',
      ms: at('2026-11-22T14:05:07Z'),
      via: 'pasted',
      sent: '2026-11-22T09:05:07-05:00',
    });
    expect(fields()).toEqual({ date: '2026-11-22', time: '19:35:07' });
    expect(sentAs()).toBe('Sent as 2026-11-22T09:05:07-05:00 · 2026-11-22 14:05:07 UTC');
  });

  it('a pasted time without offset is sent as typed (the server says why it is refused)', () => {
    const { onChange } = renderPicker('instance');
    fireEvent.change(screen.getByTestId('pitr-paste'), {
      target: { value: '2026-11-22 19:35:07' },
    });
    fireEvent.click(screen.getByTestId('pitr-paste-use'));
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'typed', text: '2026-11-22 19:35:07' });
  });
});
