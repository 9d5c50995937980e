import 'server-only';
import { tenantRoles } from '@rewind/db';
import { z } from 'zod';

export const addMemberBody = z
  .object({ email: z.string().trim().toLowerCase().email('must be an email address').max(320), role: z.enum(tenantRoles) })
  .strict();

export const updateMemberBody = z.object({ role: z.enum(tenantRoles) }).strict();

export const legalHoldBody = z.object({ legalHold: z.boolean() }).strict();
