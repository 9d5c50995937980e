import path from 'node:path';
import type { EngineConfig } from './engine-config';
import { runCommand } from './run-as-postgres';

export interface BinaryProbe {
  ok: boolean;
  version?: string;
  latencyMs: number;
  error?: string;
}

export interface BinariesProbe {
  postgres: BinaryProbe;
  pgbackrest: BinaryProbe;
}

/** "postgres (PostgreSQL) 15.20 (Debian …)" → "15.20"; "pgBackRest 2.45" → "2.45" (pure, for tests). */
export function parseVersion(output: string): string | undefined {
  return /(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}

async function probe(file: string, args: string[], what: string): Promise<BinaryProbe> {
  const started = Date.now();
  try {
    // `--version` runs fine as any user, so the health check needs neither root nor runuser
    const r = await runCommand(file, args, { context: `probing ${what}`, timeoutMs: 10_000 });
    const version = parseVersion(r.stdout);
    return version
      ? { ok: true, version, latencyMs: Date.now() - started }
      : {
          ok: false,
          latencyMs: Date.now() - started,
          error: `unrecognised version output: ${r.stdout.trim()}`,
        };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Date.now() - started,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

export async function probeBinaries(
  config: Pick<EngineConfig, 'pgBinDir' | 'pgbackrestBin'>,
): Promise<BinariesProbe> {
  const [postgres, pgbackrest] = await Promise.all([
    probe(path.join(config.pgBinDir, 'postgres'), ['--version'], 'postgres'),
    probe(config.pgbackrestBin, ['version'], 'pgbackrest'),
  ]);
  return { postgres, pgbackrest };
}
