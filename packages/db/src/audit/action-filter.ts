import { eq, like, type SQL } from 'drizzle-orm';
import { auditEvents } from '../schema';

/**
 * `restore.approved` matches that action; `restore.*` (or `restore*`) every action starting
 * with `restore.` (resp. `restore`). Action names are [a-z0-9_.]: `_` is LIKE's one-character
 * wildcard, so it is escaped.
 */
export function auditActionWhere(action: string): SQL {
  if (!action.endsWith('*')) return eq(auditEvents.action, action);
  const prefix = action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
  return like(auditEvents.action, `${prefix}%`);
}
