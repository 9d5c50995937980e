/**
 * gRPC channel options for every @temporalio/client Connection (web, worker's schedule client).
 * grpc-js backs off up to 120 s between reconnect attempts by default, so after a Temporal
 * restart of a minute a long-lived connection could stay "unavailable" for two more: cap the
 * backoff at 5 s so it is back within seconds of the server, and send keepalives so a server
 * that vanished without closing the socket is noticed.
 */
export const TEMPORAL_CHANNEL_ARGS = {
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': 5_000,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
} as const;
