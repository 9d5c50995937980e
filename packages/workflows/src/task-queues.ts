/** Workflows and catalog-only activities: any worker of the control plane may take them. */
export const CONTROL_PLANE_QUEUE = 'control-plane';

/** Activities that touch one host's disks and processes must run on that host's worker. */
export function hostQueue(hostId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(hostId))
    throw new Error(`invalid host id ${JSON.stringify(hostId)}`);
  return `host:${hostId}`;
}
