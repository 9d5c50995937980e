import type { ObjectVersion } from './list-object-versions';

/**
 * The state of a prefix as of `asOf`, from its version history (pure): for each key, the newest
 * version with LastModified ≤ asOf, unless that is a delete marker (the key did not exist
 * then). Keys first written after asOf are absent.
 *
 * "Newest" is the listing order S3 gives per key (newest first), not the timestamp, which has
 * only second resolution. Versions and delete markers come from two lists, so when one of each
 * share a second the version wins: restoring a file that was deleted within that very second
 * is harmless to pgBackRest (an extra file it does not reference), losing one it needs is not.
 */
export function versionsAsOf(versions: readonly ObjectVersion[], asOf: Date): ObjectVersion[] {
  const cutoff = asOf.getTime();
  const byKey = new Map<string, ObjectVersion[]>();
  for (const v of versions) {
    const list = byKey.get(v.key);
    if (list) list.push(v);
    else byKey.set(v.key, [v]);
  }
  const out: ObjectVersion[] = [];
  for (const [, list] of byKey) {
    const ordered = list
      .map((v, i) => ({ v, i }))
      // newest first; the stable listing order (index) decides within a kind, versions before markers on a tie
      .sort(
        (x, y) =>
          y.v.lastModified.getTime() - x.v.lastModified.getTime() ||
          Number(x.v.isDeleteMarker) - Number(y.v.isDeleteMarker) ||
          x.i - y.i,
      )
      .map((x) => x.v);
    const then = ordered.find((v) => v.lastModified.getTime() <= cutoff);
    if (then && !then.isDeleteMarker) out.push(then);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
