/** Short human durations for ages and RPOs: `42 s`, `7 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  const min = Math.floor(seconds / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function ageOf(iso: string | null, now = Date.now()): number | null {
  return iso === null ? null : Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
}

/** UTC, to the second, as the API speaks it; the title attribute can carry the local time. */
export function formatUtc(iso: string | null): string {
  if (!iso) return '—';
  return iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ');
}
