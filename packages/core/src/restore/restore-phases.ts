/**
 * The phases a restore passes through, in the order a replace meets them (a clone skips
 * `awaiting_approval` unless its policy asks, and ends at `outcome`; a replace goes on to
 * `awaiting_cutover` (only when asked to wait for a confirmation), `cutover` and `backing_up`, and `undoing` if its undo window is used). The workflow records
 * them, the metrics label phase durations with them, and the portal draws them as steps: one
 * list, so a new phase cannot be missing from one of them.
 */
export const RESTORE_PHASES = [
  'validating',
  'awaiting_approval',
  'provisioning',
  'restoring',
  'starting',
  'waiting_for_promotion',
  'verifying',
  'outcome',
  'awaiting_cutover',
  'backing_up',
  'cutover',
  'undoing',
] as const;
export type RestorePhase = (typeof RESTORE_PHASES)[number];

export function isRestorePhase(value: string): value is RestorePhase {
  return (RESTORE_PHASES as readonly string[]).includes(value);
}
