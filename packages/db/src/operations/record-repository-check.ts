import type { Tx } from '../client';
import {
  repositoryChecks,
  type RepositoryCheckFindings,
  type RepositoryCheckKind,
  type RepositoryCheckRow,
} from '../schema';

export interface RecordRepositoryCheckInput {
  tenantId: string;
  instanceId: string;
  region: string;
  kind: RepositoryCheckKind;
  ok: boolean;
  findings: RepositoryCheckFindings;
  detail: string;
  durationMs?: number | null;
}

/** Appends one result of a scheduled repository check (verify, WAL continuity). */
export async function recordRepositoryCheck(
  tx: Tx,
  input: RecordRepositoryCheckInput,
): Promise<RepositoryCheckRow> {
  const [row] = await tx
    .insert(repositoryChecks)
    .values({ ...input, durationMs: input.durationMs ?? null })
    .returning();
  if (!row) throw new Error('invariant: repository check insert returned no row');
  return row;
}
