export type RestoreTarget =
  | { type: 'time'; targetTime: string; inclusive?: boolean }
  | { type: 'lsn'; targetLsn: string; inclusive?: boolean }
  | { type: 'xid'; targetXid: string; inclusive?: boolean }
  | { type: 'name'; targetName: string }
  | { type: 'immediate' }
  /** replay every archived segment (the newest restorable state); promotes at the end of WAL */
  | { type: 'default' };

export interface RestoreArgsInput {
  targetDir: string;
  repo: 1 | 2;
  target: RestoreTarget;
  /** backup label; needed when the target lies in the same second as a backup's stop time */
  set?: string;
  /**
   * The repository's path in its bucket when it is not the instance's own (`/stanzas`): a
   * repository recovered from object versions into a fresh prefix, e.g. `/recovered/<id>`.
   */
  repoPath?: string;
}

const REPO_PATH = /^\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

/** `--repoN-path=…`, for a repository recovered into another prefix; refuses anything but a plain path. */
export function repoPathArg(repo: 1 | 2, repoPath: string): string {
  if (!REPO_PATH.test(repoPath))
    throw new Error(`repository path ${JSON.stringify(repoPath)} must be like /recovered/<id>`);
  return `--repo${repo}-path=${repoPath}`;
}

// pgBackRest only auto-selects a backup set when the target matches its own time regex
// (`YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM]]`, no `T`, no `Z`); otherwise it silently uses the
// newest backup, which can be later than the target.
const RFC3339 =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/** RFC 3339 with an offset → the form both pgBackRest and recovery_target_time accept. */
export function formatTargetTime(rfc3339: string): string {
  const m = RFC3339.exec(rfc3339.trim());
  if (!m)
    throw new Error(
      `target time ${JSON.stringify(rfc3339)} must be RFC 3339 with an offset, e.g. 2026-01-31T12:00:00Z`,
    );
  const [, date, time, fraction, offset] = m;
  // PostgreSQL keeps microseconds; more digits would be rounded by it but rejected by pgBackRest's regex
  const frac = fraction ? `.${fraction.slice(0, 6)}` : '';
  const tz = offset === 'Z' || offset === 'z' ? '+00' : offset!;
  return `${date} ${time}${frac}${tz}`;
}

const LSN = /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/;

/** Everything after `restore` on the pgbackrest command line (pure, for tests). */
export function buildRestoreArgs(input: RestoreArgsInput): string[] {
  const args = [
    `--pg1-path=${input.targetDir}`,
    `--repo=${input.repo}`,
    // a restored copy must never push WAL into the source's stanza
    '--archive-mode=off',
    ...(input.repoPath ? [repoPathArg(input.repo, input.repoPath)] : []),
  ];
  const t = input.target;
  switch (t.type) {
    case 'time':
      args.push('--type=time', `--target=${formatTargetTime(t.targetTime)}`);
      break;
    case 'lsn':
      if (!LSN.test(t.targetLsn))
        throw new Error(`target LSN ${JSON.stringify(t.targetLsn)} is not like 0/4003528`);
      args.push('--type=lsn', `--target=${t.targetLsn}`);
      break;
    case 'xid':
      if (!/^\d+$/.test(t.targetXid))
        throw new Error(`target xid ${JSON.stringify(t.targetXid)} is not a number`);
      args.push('--type=xid', `--target=${t.targetXid}`);
      break;
    case 'name':
      if (t.targetName.length === 0 || /[\r\n']/.test(t.targetName))
        throw new Error('invalid restore point name');
      args.push('--type=name', `--target=${t.targetName}`);
      break;
    case 'immediate':
      args.push('--type=immediate');
      break;
    case 'default':
      // pgBackRest refuses --target-action without a target type; PostgreSQL promotes anyway
      args.push('--type=default');
      if (input.set) args.push(`--set=${input.set}`);
      return args;
  }
  if ((t.type === 'time' || t.type === 'lsn' || t.type === 'xid') && t.inclusive === false) {
    args.push('--target-exclusive');
  }
  args.push('--target-action=promote');
  if (input.set) args.push(`--set=${input.set}`);
  return args;
}
