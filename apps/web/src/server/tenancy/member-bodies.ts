import 'server-only';
import { tenantRoles } from '@rewind/db';
import { z } from 'zod';

export const addMemberBody = z
  .object({
    email: z.string().trim().toLowerCase().email('must be an email address').max(320),
    role: z.enum(tenantRoles),
  })
  .strict();

export const updateMemberBody = z.object({ role: z.enum(tenantRoles) }).strict();

export const legalHoldBody = z.object({ legalHold: z.boolean() }).strict();

/** The secret from the invitation link (`/invitations/<token>`). */
export const acceptInvitationBody = z
  .object({ token: z.string().regex(/^rwi_[0-9A-Za-z]{40}$/, 'not an invitation token') })
  .strict();

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(12, 'the new password must have at least 12 characters').max(1024),
  })
  .strict();
