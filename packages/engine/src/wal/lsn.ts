/**
 * LSN helpers. PostgreSQL prints an LSN as two hex halves ("0/1E2F300");
 * pg_waldump zero-pads the low half ("0/01E2F300"). We carry LSNs as the
 * canonical unpadded text (what `pg_lsn` outputs) and compare them as bigint.
 */

const LSN_PATTERN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export function parseLsn(lsn: string): bigint {
  const m = LSN_PATTERN.exec(lsn.trim());
  if (!m || m[1] === undefined || m[2] === undefined) {
    throw new Error(`invalid LSN "${lsn}": expected two hex halves like 0/1E2F300`);
  }
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(value: bigint): string {
  if (value < 0n || value > 0xffffffffffffffffn) throw new Error(`LSN out of range: ${value}`);
  const hi = value >> 32n;
  const lo = value & 0xffffffffn;
  return `${hi.toString(16).toUpperCase()}/${lo.toString(16).toUpperCase()}`;
}

/** Canonical (unpadded, upper-case) form of an LSN text. */
export function normalizeLsn(lsn: string): string {
  return formatLsn(parseLsn(lsn));
}

export function compareLsn(a: string, b: string): number {
  const x = parseLsn(a);
  const y = parseLsn(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
