/**
 * How the instance probe's health reason starts when the instance's data volume is full: the
 * instance shows the reason, and the `data_volume_full` alert is raised while it holds.
 */
export const DATA_VOLUME_FULL_REASON = 'data volume full';

export const isDataVolumeFull = (healthReason: string | null): boolean =>
  healthReason !== null && healthReason.startsWith(`${DATA_VOLUME_FULL_REASON}:`);
