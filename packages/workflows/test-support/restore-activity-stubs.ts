import type { Activities } from '@rewind/activities';
import { Context } from '@temporalio/activity';

/** The activities restoreToPointInTime calls: their real signatures, stand-in bodies. */
export const RESTORE_ACTIVITY_NAMES = [
  'planRestoreRun',
  'recordRestore',
  'createCloneRecord',
  'setCloneRecord',
  'restoreClone',
  'startClone',
  'verifyClone',
  'openClone',
  'destroyClone',
  'setInstanceStatus',
  'loadInstanceFacts',
  'cutoverToRestored',
  'swapBackOriginal',
  'destroyReplacedData',
  'backupInstance',
  'syncCatalog',
] as const;
export type RestoreActivityName = (typeof RESTORE_ACTIVITY_NAMES)[number];
export type RestoreActivityStubs = Pick<Activities, RestoreActivityName>;

export interface ActivityCall {
  name: RestoreActivityName;
  input: unknown;
  /** server time (skipped time included) when the attempt was scheduled */
  scheduledAtMs: number;
}

export const STUB_CLONE = { cloneId: 'inst-clone-1', port: 56001 };

/**
 * Stand-ins for the restore activities, for workflow unit tests: each answers what a successful
 * real one would, and every call is logged in order with its input and server time, so a test
 * asserts what the workflow asked for (and when) rather than what the stand-ins did.
 * `overrides` replace single activities (one that blocks until cancelled, one that fails).
 */
export function restoreActivityStubs(overrides: Partial<RestoreActivityStubs> = {}) {
  const calls: ActivityCall[] = [];
  const stubs: RestoreActivityStubs = {
    async planRestoreRun() {
      return {
        target: { time: '2026-11-30T12:00:00Z', inclusive: true },
        sourceInstanceId: 'inst-source-1',
        hostId: 'host-1',
        candidates: [
          { region: 'region-a', backupLabel: '20261130-000000F' },
          { region: 'region-b', backupLabel: '20261130-000000F' },
        ],
      };
    },
    async recordRestore() {},
    async createCloneRecord() {
      return { ...STUB_CLONE };
    },
    async setCloneRecord() {},
    async restoreClone() {
      return { region: 'region-a', backupLabel: '20261130-000000F', fellBackFrom: [] };
    },
    async startClone() {
      return { timeline: 2, targetLsn: '0/3000060' };
    },
    async verifyClone() {
      return [{ name: 'amcheck', ok: true, detail: 'no corruption' }];
    },
    async openClone() {},
    async destroyClone() {},
    async setInstanceStatus() {},
    async loadInstanceFacts(ref) {
      return {
        ...ref,
        hostId: 'host-1',
        stanza: ref.instanceId,
        port: 56000,
        status: 'running',
        legalHold: false,
        plan: {
          planId: 'plan-1',
          archiveTimeoutSeconds: 60,
          fullBackupEverySeconds: 86_400,
          diffBackupEverySeconds: null,
          incrBackupEverySeconds: null,
          drillEverySeconds: 86_400,
          drillOldestEvery: null,
          retentionDays: 7,
          planName: 'Pro',
          cloneTtlHoursMax: 72,
        },
      };
    },
    async cutoverToRestored() {
      return { timeline: 2, markedForArchive: [] };
    },
    async swapBackOriginal() {
      return { timeline: 3, markedForArchive: [] };
    },
    async destroyReplacedData() {},
    async backupInstance(input) {
      return { repo: input.repo, type: input.type, durationMs: 1 };
    },
    async syncCatalog() {
      return {
        status: 'ok',
        regions: [],
        probe: { healthReason: null, clockSkewMs: null, restarted: false },
        relationNames: null,
      };
    },
    ...overrides,
  };
  const logged = Object.fromEntries(
    RESTORE_ACTIVITY_NAMES.map((name) => [
      name,
      (input: unknown) => {
        calls.push({
          name,
          input,
          scheduledAtMs: Context.current().info.currentAttemptScheduledTimestampMs,
        });
        return (stubs[name] as (i: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as RestoreActivityStubs;
  return {
    activities: logged,
    calls,
    /** the logged calls of one activity, in order */
    callsOf: (name: RestoreActivityName) => calls.filter((c) => c.name === name),
    /** the order the named activities were called in */
    order: (...names: RestoreActivityName[]) =>
      calls.filter((c) => names.includes(c.name)).map((c) => c.name),
  };
}
