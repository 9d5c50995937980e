import { z } from 'zod';

/** Alertmanager's webhook payload (version 4), the fields Rewind reads. */
export const alertmanagerNotification = z.object({
  version: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()).default({}),
        fingerprint: z.string().min(1).max(64),
      }),
    )
    .max(1000),
});
export type AlertmanagerNotification = z.infer<typeof alertmanagerNotification>;
