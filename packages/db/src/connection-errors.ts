/**
 * Errors that mean "the control-plane PostgreSQL is not there right now" (restarting, shutting
 * down, refusing connections), as opposed to a query that is wrong. Only these are retried when
 * a connection is opened; a query already sent is never replayed (it may have committed).
 */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
]);

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isTransientConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code)))
    return true;
  // pg's own wording for a socket that closed or a connect that timed out (no code attached)
  return /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(
    err.message,
  );
}
