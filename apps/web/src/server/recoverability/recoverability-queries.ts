import 'server-only';
import { DASHBOARD_RANGE_KEYS, FLEET_DASHBOARD_RANGES } from '@rewind/core';
import { z } from 'zod';

/** `?range=` of the admin dashboard: 24h (default), 7d or 30d */
export const fleetRecoverabilityQuery = z
  .object({ range: z.enum(FLEET_DASHBOARD_RANGES).default('24h') })
  .strict();

/** `?range=` of an instance's dashboard: 1h, 24h (default), 7d or 30d */
export const instanceRecoverabilityQuery = z
  .object({
    range: z.enum(DASHBOARD_RANGE_KEYS).default('24h'),
  })
  .strict();
