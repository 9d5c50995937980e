/**
 * Where archived segments come from. pg_waldump reads a directory, so a source
 * puts a named segment into a work directory: pgBackRest fetches it from a
 * repository; a plain directory (tests, local pg_wal copies) links it.
 */
import { access, constants, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fetchArchivedSegment, type FetchArchivedSegmentOptions } from './fetch-archived-segment';

export interface SegmentSource {
  /** for error messages */
  readonly description: string;
  /** Places `segment` at destDir/<segment>; false when the archive does not have it. */
  fetch(segment: string, destDir: string): Promise<boolean>;
}

export function pgbackrestSegmentSource(
  options: Omit<FetchArchivedSegmentOptions, 'segment' | 'destDir'>,
): SegmentSource {
  return {
    description: `pgBackRest stanza ${options.stanza} repo${options.repo}`,
    async fetch(segment, destDir) {
      return (await fetchArchivedSegment({ ...options, segment, destDir })) !== null;
    },
  };
}

export function directorySegmentSource(dir: string): SegmentSource {
  const root = resolve(dir);
  return {
    description: `directory ${root}`,
    async fetch(segment, destDir) {
      const from = join(root, segment);
      try {
        await access(from, constants.R_OK);
      } catch {
        return false;
      }
      // A link, not a copy: 16 MB per segment adds up and pg_waldump follows links.
      await symlink(from, join(destDir, segment));
      return true;
    },
  };
}
