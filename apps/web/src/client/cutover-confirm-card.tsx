'use client';

import { Button, Card, Spinner } from '@rewind/ui';
import type { RestoreView } from '@/lib/api-types';
import { CloneDiffCard } from './clone-diff-card';
import { useRestoreDiff } from './clone-diff-queries';
import { useCan, useConfirmCutover } from './queries';

/**
 * A verified replace waiting for its cutover (phase awaiting_cutover): the restored copy against
 * the live source, table by table, and only once that diff is on screen the button that swaps
 * the copy in. Cancel instead destroys the copy; the source stays as it is.
 */
export function CutoverConfirmCard({ r }: { r: RestoreView }) {
  const can = useCan('restore:request');
  const diff = useRestoreDiff(r.id, true);
  const confirm = useConfirmCutover(r.id);
  return (
    <div className="space-y-6" data-testid="cutover-confirm">
      <CloneDiffCard restoreId={r.id} instanceZone={r.timeZone} compareNow />
      <Card title="Replace the source with this copy?">
        <p className="text-sm text-zinc-700">
          The restored copy passed its checks and runs beside the source. The comparison above is
          what the source will look like after the cutover; the source stops briefly while the data
          directories are swapped, and its current data is kept for undo. To leave the source as it
          is, cancel the restore instead (the copy is destroyed).
        </p>
        {confirm.isError && (
          <p role="alert" className="mt-3 text-sm text-red-800">
            {confirm.error.message}
          </p>
        )}
        {can ? (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button
              variant="danger"
              disabled={!diff.isSuccess || confirm.isPending || confirm.isSuccess}
              onClick={() => confirm.mutate(undefined)}
              data-testid="cutover-confirm-button"
            >
              {confirm.isPending && <Spinner className="size-3" />}
              Replace the source now
            </Button>
            {!diff.isSuccess && !diff.isError && (
              <span className="text-xs text-zinc-600">Shown once the comparison is ready.</span>
            )}
          </div>
        ) : (
          <p className="mt-3 text-sm text-zinc-600">An owner or admin confirms the cutover.</p>
        )}
      </Card>
    </div>
  );
}
