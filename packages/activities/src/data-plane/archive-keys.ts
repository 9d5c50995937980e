/**
 * pgBackRest stores a segment as `<repo-path>/archive/<stanza>/<archive-id>/<first 16 hex>/
 * <segment>-<sha1>[.<compression>]`; names stay readable under repo encryption (only contents are
 * encrypted), so an S3 listing is an inventory of archived WAL.
 */
const ARCHIVED_SEGMENT = /\/([0-9A-F]{24})-[0-9a-f]{40}(?:\.[a-z0-9]+)?$/;

export function archivePrefix(stanza: string): string {
  return `stanzas/archive/${stanza}/`;
}

export function backupPrefix(stanza: string): string {
  return `stanzas/backup/${stanza}/`;
}

/** Segment names among listed keys (history files, `.backup` labels and others ignored). */
export function segmentsOfKeys(keys: readonly string[]): string[] {
  const out = new Set<string>();
  for (const key of keys) {
    const m = ARCHIVED_SEGMENT.exec(key);
    if (m?.[1]) out.add(m[1]);
  }
  return [...out];
}

/** Key relative to the stanza's prefix, so two regions' inventories compare directly. */
export function relativeKeys(keys: readonly string[], prefix: string): Set<string> {
  return new Set(
    keys
      .map((k) => k.replace(/^\/+/, ''))
      .map((k) => (k.startsWith(prefix) ? k.slice(prefix.length) : k)),
  );
}
