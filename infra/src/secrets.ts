import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const regionSecretSchema = z.object({
  accessKeyId: z.string().min(16),
  secretAccessKey: z.string().min(32),
});

export const secretsSchema = z.object({
  controlPgSuperuserPassword: z.string().min(24),
  rewindOwnerPassword: z.string().min(24),
  rewindAppPassword: z.string().min(24),
  rewindPlatformPassword: z.string().min(24),
  /** the data-plane hosts' S3 identity per region (pgBackRest) */
  regionA: regionSecretSchema,
  regionB: regionSecretSchema,
  /** the control plane's S3 identity per region (admin: Object Lock, recovery); never on a host */
  regionAControl: regionSecretSchema,
  regionBControl: regionSecretSchema,
  nextauthSecret: z.string().min(48),
  rewindSecretKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** bearer token of /metrics (web and worker) */
  metricsToken: z.string().min(32),
});
export type StackSecrets = z.infer<typeof secretsSchema>;

// URL-safe alphabet so secrets drop into connection strings without escaping surprises
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function token(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // rejection sampling keeps the distribution uniform
  for (const b of bytes) {
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : token(length, alphabet);
}

export function generateSecrets(): StackSecrets {
  const region = () => ({
    accessKeyId: `AK${token(18, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    secretAccessKey: token(40),
  });
  return {
    controlPgSuperuserPassword: token(32),
    rewindOwnerPassword: token(32),
    rewindAppPassword: token(32),
    rewindPlatformPassword: token(32),
    regionA: region(),
    regionB: region(),
    regionAControl: region(),
    regionBControl: region(),
    nextauthSecret: token(64),
    rewindSecretKey: randomBytes(32).toString('hex'),
    metricsToken: token(40),
  };
}

/**
 * Generated once per profile; later runs reuse it so data dirs and credentials stay in step.
 * A file written before a secret existed (e.g. the control plane's S3 identities) gets just the
 * missing ones added, so an existing stack keeps its data.
 */
export function loadOrCreateSecrets(file: string): { secrets: StackSecrets; created: boolean } {
  if (existsSync(file)) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const fresh = generateSecrets();
      const added = (Object.keys(fresh) as (keyof StackSecrets)[]).filter((k) => !(k in stored));
      const secrets = secretsSchema.parse({
        ...Object.fromEntries(added.map((k) => [k, fresh[k]])),
        ...stored,
      });
      if (added.length > 0)
        writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
      return { secrets, created: false };
    } catch (err) {
      throw new Error(
        `while reading ${file}: ${(err as Error).message} (delete the profile's .data dir to start over)`,
      );
    }
  }
  const secrets = generateSecrets();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return { secrets, created: true };
}
