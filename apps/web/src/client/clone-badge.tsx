'use client';

import { Instant } from './zone-context';

/** "clone · expires 2026-11-23 19:35:00 Asia/Kolkata (UTC+05:30) · 14:05:00 UTC": in every list and header. */
export function CloneBadge({
  expiresAt,
  instanceZone,
}: {
  expiresAt: string | null | undefined;
  instanceZone?: string | null;
}) {
  return (
    <span
      className="inline-flex flex-wrap items-center gap-x-1 rounded bg-violet-50 px-1.5 py-0.5 text-xs text-violet-800 ring-1 ring-inset ring-violet-200"
      data-testid="clone-badge"
    >
      <span className="font-medium">clone</span>
      {expiresAt ? (
        <>
          {' · expires '}
          <Instant iso={expiresAt} instanceZone={instanceZone} />
        </>
      ) : null}
    </span>
  );
}
