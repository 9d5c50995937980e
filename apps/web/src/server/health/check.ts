export interface HealthCheck {
  name: string;
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

/**
 * Runs one probe with its own deadline and turns any outcome into a HealthCheck. The
 * deadline is enforced here, not trusted to the client library, so /api/health never hangs.
 * `probe` may return a detail string (e.g. a version) to show when healthy.
 */
export async function runCheck(
  name: string,
  timeoutMs: number,
  probe: (signal: AbortSignal) => Promise<string | void>,
): Promise<HealthCheck> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout(timeoutMs));
    }, timeoutMs);
  });
  try {
    const detail = await Promise.race([probe(controller.signal), deadline]);
    return { name, ok: true, latencyMs: elapsed(started), ...(detail ? { detail } : {}) };
  } catch (err) {
    return { name, ok: false, latencyMs: elapsed(started), detail: describe(err) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // one line, bounded: this is shown unauthenticated
  return message.split('\n')[0]!.slice(0, 200);
}
