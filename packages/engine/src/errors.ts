/**
 * An engine failure that says what was being attempted (`context`) and carries the tail of the
 * command's stderr, because the last lines of pgBackRest / PostgreSQL output are what an operator
 * needs to act on. Secrets are redacted before the message is built.
 */
export class EngineError extends Error {
  readonly context: string;
  readonly exitCode: number | null;
  readonly stderrTail: string;

  constructor(
    context: string,
    detail: string,
    options: { exitCode?: number | null; stderrTail?: string; cause?: unknown } = {},
  ) {
    super(
      `while ${context}: ${detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'EngineError';
    this.context = context;
    this.exitCode = options.exitCode ?? null;
    this.stderrTail = options.stderrTail ?? '';
  }
}

export function isEngineError(err: unknown): err is EngineError {
  return err instanceof EngineError;
}

/** Replaces every occurrence of each secret (longer than 3 chars, to avoid mangling output) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length > 3) out = out.split(s).join('***');
  }
  return out;
}

/** The last `maxLines` non-empty lines, bounded in size so error messages stay readable. */
export function tail(text: string, maxLines = 8, maxChars = 2000): string {
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0);
  const joined = lines.slice(-maxLines).join('\n');
  return joined.length > maxChars ? `…${joined.slice(-maxChars)}` : joined;
}
