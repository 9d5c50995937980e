'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { browserZone, formatInstant, type ZoneChoice } from './time';

const STORAGE_KEY = 'rewind.zone';
const CHOICES: readonly ZoneChoice[] = ['local', 'utc', 'instance'];

interface ZoneState {
  choice: ZoneChoice;
  setChoice: (z: ZoneChoice) => void;
}

const ZoneContext = createContext<ZoneState>({ choice: 'local', setChoice: () => undefined });

/**
 * The zone the person reads and types times in, one choice for the whole portal (kept in this
 * browser), so the picker, the confirmation, the progress page and every list agree.
 */
export function ZoneProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ZoneChoice>('local');
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved && (CHOICES as readonly string[]).includes(saved))
      setChoiceState(saved as ZoneChoice);
  }, []);
  const setChoice = useCallback((z: ZoneChoice) => {
    setChoiceState(z);
    window.localStorage.setItem(STORAGE_KEY, z);
  }, []);
  return <ZoneContext.Provider value={{ choice, setChoice }}>{children}</ZoneContext.Provider>;
}

export function useZoneChoice(): ZoneState {
  return useContext(ZoneContext);
}

/**
 * The IANA zone times are shown in: the chosen one; "instance" where an instance is known, else
 * (lists across instances) the browser's.
 */
export function useDisplayZone(instanceZone?: string | null): string {
  const { choice } = useZoneChoice();
  if (choice === 'utc') return 'UTC';
  if (choice === 'instance' && instanceZone) return instanceZone;
  return browserZone();
}

/**
 * Every instant on screen goes through here: `formatInstant` in the display zone, as a `<time>`
 * whose machine value is the UTC instant.
 */
export function Instant({
  iso,
  instanceZone,
  testId,
  className,
}: {
  iso: string;
  instanceZone?: string | null;
  testId?: string;
  className?: string;
}) {
  const zone = useDisplayZone(instanceZone);
  const ms = Date.parse(iso);
  return (
    <time dateTime={new Date(ms).toISOString()} data-testid={testId} className={className}>
      {formatInstant(ms, zone)}
    </time>
  );
}
