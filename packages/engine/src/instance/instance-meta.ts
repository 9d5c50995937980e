import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileForPostgres } from '../fs-owner';

/** Non-secret facts about an instance, kept next to it so the host can answer without the catalog. */
export const instanceMetaSchema = z.object({
  instanceId: z.string(),
  port: z.number().int(),
  database: z.string(),
  owner: z.string(),
  archiveTimeoutSeconds: z.number().int(),
  initializedAt: z.string(),
});
export type InstanceMeta = z.infer<typeof instanceMetaSchema>;

export async function readInstanceMeta(file: string): Promise<InstanceMeta | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return instanceMetaSchema.parse(JSON.parse(text));
}

export async function writeInstanceMeta(file: string, meta: InstanceMeta): Promise<void> {
  await writeFileForPostgres(file, `${JSON.stringify(meta, null, 2)}\n`, 0o644);
}

/** A new instance's facts, stamped now. */
export function newInstanceMeta(facts: Omit<InstanceMeta, 'initializedAt'>): InstanceMeta {
  return { ...facts, initializedAt: new Date().toISOString() };
}
