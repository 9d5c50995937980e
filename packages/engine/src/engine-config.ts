import type { RegionEnv, StackEnv } from '@rewind/core';
import { regionsFromEnv } from '@rewind/core';

export type CompressType = 'lz4' | 'zst' | 'gz' | 'none';

/** What the engine needs to know about its host; built once from the stack env. */
export interface EngineConfig {
  /** REWIND_DATA_DIR, i.e. `.data/<profile>` */
  dataDir: string;
  hostId: string;
  pgBinDir: string;
  pgbackrestBin: string;
  /** CA that signed the S3 servers' certificates (pgBackRest only speaks HTTPS to S3). */
  caFile: string;
  /** repo1 = regions.a, repo2 = regions.b, always in that order. */
  regions: { a: RegionEnv; b: RegionEnv };
  compressType: CompressType;
}

export function engineConfigFromEnv(
  env: StackEnv,
  overrides: Partial<EngineConfig> = {},
): EngineConfig {
  return {
    dataDir: env.REWIND_DATA_DIR,
    hostId: env.REWIND_HOST_ID,
    pgBinDir: env.PG_BIN_DIR,
    pgbackrestBin: env.PGBACKREST_BIN,
    caFile: env.S3_CA_FILE,
    regions: regionsFromEnv(env),
    // Debian's pgbackrest links liblz4; probeBinaries reports it if a build does not
    compressType: 'lz4',
    ...overrides,
  };
}

export type RepoIndex = 1 | 2;

export function regionForRepo(config: Pick<EngineConfig, 'regions'>, repo: RepoIndex): RegionEnv {
  return repo === 1 ? config.regions.a : config.regions.b;
}

/** "repo2 (region-b)", for error messages and logs */
export function repoLabel(config: Pick<EngineConfig, 'regions'>, repo: RepoIndex): string {
  return `repo${repo} (${regionForRepo(config, repo).name})`;
}

export function repoForRegion(
  config: Pick<EngineConfig, 'regions'>,
  regionName: string,
): RepoIndex {
  if (config.regions.a.name === regionName) return 1;
  if (config.regions.b.name === regionName) return 2;
  throw new Error(
    `unknown region ${JSON.stringify(regionName)}; this host knows ${config.regions.a.name} and ${config.regions.b.name}`,
  );
}

/** Secrets from the config that must be redacted from any output we surface. */
export function configSecrets(config: Pick<EngineConfig, 'regions'>): string[] {
  return [config.regions.a.secretAccessKey, config.regions.b.secretAccessKey];
}
