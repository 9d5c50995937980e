import 'server-only';
import type { AuditEventRow } from '@rewind/db';
import { z } from 'zod';
import type { AuditEventView } from '../../lib/api-types';
import { actionParam, cursorParam, limitParam, rfc3339Param, uuidParam } from '../api/query-fields';

export const auditQuerySchema = z
  .object({
    instanceId: uuidParam.optional(),
    from: rfc3339Param.optional(),
    to: rfc3339Param.optional(),
    action: actionParam.optional(),
    limit: limitParam.optional(),
    cursor: cursorParam.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), {
    message: 'from must not be after to',
    path: ['from'],
  });

export function toAuditEventView(e: AuditEventRow): AuditEventView {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, email: e.actorEmail },
    action: e.action,
    target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId } : null,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
