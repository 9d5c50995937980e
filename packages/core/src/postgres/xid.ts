import { AppError } from '../errors/app-error';

/**
 * A transaction id for `recovery_target_xid`. Accepts the 32-bit xid (`txid` in pg_stat_activity)
 * or the 64-bit epoch-qualified one from `pg_current_xact_id()`; PostgreSQL itself keeps only
 * the low 32 bits, which `xid32` reports.
 */
export interface Xid {
  text: string;
  value: bigint;
  xid32: number;
}

const MAX_XID8 = (1n << 64n) - 1n;

export function parseXid(input: unknown): Xid {
  const text =
    typeof input === 'number' && Number.isSafeInteger(input)
      ? String(input)
      : typeof input === 'string'
        ? input.trim()
        : '';
  if (!/^\d{1,20}$/.test(text)) {
    throw new AppError(
      'validation_failed',
      `${JSON.stringify(input)} is not a valid transaction id; expected a decimal number like 7421`,
    );
  }
  const value = BigInt(text);
  if (value > MAX_XID8)
    throw new AppError('validation_failed', `transaction id ${text} is larger than 64 bits`);
  const xid32 = Number(value & 0xffffffffn);
  // 0, 1 and 2 are InvalidTransactionId, BootstrapTransactionId and FrozenTransactionId:
  // no user transaction ever commits with them, so recovery could never stop there.
  if (xid32 < 3)
    throw new AppError(
      'validation_failed',
      `transaction id ${text} is reserved by PostgreSQL and never names a user transaction`,
    );
  return { text: value.toString(), value, xid32 };
}
