/**
 * Time in the portal: every instant is epoch ms; a zone is only how a person reads or types
 * it. The server gets UTC (`Z`) and always says which second it understood.
 */

export type ZoneChoice = 'local' | 'utc' | 'instance';

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function zoneName(choice: ZoneChoice, instanceZone: string): string {
  return choice === 'utc' ? 'UTC' : choice === 'local' ? browserZone() : instanceZone;
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(epochMs: number, zone: string): Parts {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** Offset of `zone` from UTC at that instant, in ms (east positive). */
export function offsetMs(epochMs: number, zone: string): number {
  const p = partsIn(epochMs, zone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(epochMs / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function offsetLabel(epochMs: number, zone: string): string {
  const o = offsetMs(epochMs, zone) / 60_000;
  if (o === 0) return zone === 'UTC' ? 'UTC' : 'UTC+00:00';
  const sign = o < 0 ? '-' : '+';
  return `UTC${sign}${pad(Math.floor(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`;
}

/** `2026-11-22 14:05:00` as read in `zone`. */
export function formatIn(epochMs: number, zone: string): string {
  const p = partsIn(epochMs, zone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** The date and time fields of a picker showing `epochMs` in `zone`. */
export function fieldsIn(epochMs: number, zone: string): { date: string; time: string } {
  const [date, time] = formatIn(epochMs, zone).split(' ');
  return { date: date!, time: time! };
}

/**
 * Wall-clock fields read in `zone` → instant. Null when the fields are incomplete or the wall
 * time does not exist there (skipped by a DST change).
 */
export function fromFields(date: string, time: string, zone: string): number | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!dm || !tm) return null;
  const wall = Date.UTC(+dm[1]!, +dm[2]! - 1, +dm[3]!, +tm[1]!, +tm[2]!, +(tm[3] ?? 0));
  if (Number.isNaN(wall)) return null;
  // two passes settle the offset except inside a DST jump, which the check below refuses
  let t = wall - offsetMs(wall, zone);
  t = wall - offsetMs(t, zone);
  const back = fieldsIn(t, zone);
  if (back.date !== date || back.time.slice(0, tm[3] ? 8 : 5) !== time.slice(0, tm[3] ? 8 : 5))
    return null;
  return t;
}

/** RFC 3339 UTC to the second: what the picker sends. */
export function isoUtc(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function formatUtc(epochMs: number): string {
  return `${formatIn(epochMs, 'UTC')} UTC`;
}

/** `3 s`, `4 min 10 s`, `2 h 5 min`, `3 d 4 h`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

export function formatAgo(iso: string, now = Date.now()): string {
  return `${formatDuration((now - Date.parse(iso)) / 1000)} ago`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/**
 * The one way an instant is written on screen: in the zone the person chose, named, with its
 * offset, and UTC beside it (`2026-11-22 19:35:00 Asia/Kolkata (UTC+05:30) · 14:05:00 UTC`; the
 * UTC date too when it differs). In UTC itself: `2026-11-22 14:05:00 UTC`.
 */
export function formatInstant(epochMs: number, zone: string): string {
  const utc = formatIn(epochMs, 'UTC');
  if (zone === 'UTC') return `${utc} UTC`;
  const local = formatIn(epochMs, zone);
  const utcPart = local.slice(0, 10) === utc.slice(0, 10) ? utc.slice(11) : utc;
  return `${local} ${zone} (${offsetLabel(epochMs, zone)}) · ${utcPart} UTC`;
}

/**
 * A pasted RFC 3339 time with an offset (`2026-11-22T14:04:59+05:30`, `…Z`, a `T` or a space) as
 * an instant, or null for anything else (a naive time is left to the server to refuse, with why).
 */
export function parseRfc3339(text: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const t = Date.parse(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8]!.toUpperCase()}`,
  );
  return Number.isNaN(t) ? null : t;
}

/**
 * A chart axis tick in `zone`: `14:05` when the axis spans a day or less, `11-22` beyond. The
 * chart names the zone once in its caption; full instants (tooltips) go through formatInstant.
 */
export function formatAxisTick(epochMs: number, zone: string, spanSeconds: number): string {
  const [date, time] = formatIn(epochMs, zone).split(' ');
  return spanSeconds <= 86_400 ? time!.slice(0, 5) : date!.slice(5);
}
