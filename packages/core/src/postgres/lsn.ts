import { AppError } from '../errors/app-error';

/**
 * A WAL position as PostgreSQL prints it (`%X/%X`), plus its 64-bit value for comparisons. The
 * one LSN parser of the codebase: API input (restore targets) and pg_waldump output (which
 * zero-pads the low half, "0/01E2F300") alike; `text` is the canonical unpadded upper-case form
 * `pg_lsn` prints.
 */
export interface Lsn {
  text: string;
  value: bigint;
}

const LSN_PATTERN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export function parseLsn(input: unknown): Lsn {
  const text = typeof input === 'string' ? input.trim() : '';
  const m = LSN_PATTERN.exec(text);
  if (!m) {
    throw new AppError(
      'validation_failed',
      `${JSON.stringify(input)} is not a valid LSN; expected two hex numbers separated by a slash, e.g. 0/4003528`,
    );
  }
  const value = (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
  return { text: formatLsn(value), value };
}

/** Normalised like pg_lsn output: upper case, no leading zeros. */
export function formatLsn(value: bigint): string {
  if (value < 0n || value > 0xffffffffffffffffn) throw new RangeError(`LSN out of range: ${value}`);
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** negative, zero or positive, like a sort comparator */
export function compareLsn(a: string | Lsn, b: string | Lsn): number {
  const av = typeof a === 'string' ? parseLsn(a).value : a.value;
  const bv = typeof b === 'string' ? parseLsn(b).value : b.value;
  return av < bv ? -1 : av > bv ? 1 : 0;
}
