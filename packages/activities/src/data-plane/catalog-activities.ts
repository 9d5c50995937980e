import { appendAuditEvent, inTenantTx, setInstanceStatus, type InstanceStatus } from '@rewind/db';
import type { ActivityDeps, EnsuredBackupSchedules } from '../deps';
import { geoCheck } from './geo-check';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';
import { listPlanTargets } from './list-plan-targets';
import { syncCatalog } from './sync-catalog';

export interface AuditInput extends InstanceRef {
  action: string;
  /** the person who asked; absent for scheduled work */
  actorUserId?: string | null;
  data?: Record<string, unknown>;
}

/** Catalog-only activities (control-plane DB and S3): any worker may run them. */
export function catalogActivities(deps: ActivityDeps) {
  return {
    async loadInstanceFacts(ref: InstanceRef) {
      return loadInstanceFacts(deps, ref);
    },
    async setInstanceStatus(input: InstanceRef & { status: InstanceStatus }): Promise<void> {
      await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        setInstanceStatus(tx, input.tenantId, input.instanceId, input.status),
      );
    },
    async recordInstanceAudit(input: AuditInput): Promise<void> {
      await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        appendAuditEvent(tx, {
          tenantId: input.tenantId,
          actor: input.actorUserId ? { type: 'user', id: input.actorUserId } : { type: 'system' },
          action: input.action,
          target: { type: 'instance', id: input.instanceId },
          data: input.data,
        }),
      );
    },
    async geoCheck(ref: InstanceRef) {
      return geoCheck(deps, ref);
    },
    /** reads pgbackrest info through the host's config, so it runs on the instance's host queue */
    async syncCatalog(ref: InstanceRef) {
      return syncCatalog(deps, ref);
    },
    async listPlanTargets(input: { tenantId: string }) {
      return listPlanTargets(deps, input);
    },
    /** creates, or brings to the plan's current cadence, the instance's backup schedules */
    async ensureBackupSchedules(
      input: InstanceRef & { taskQueue: string },
    ): Promise<EnsuredBackupSchedules> {
      const facts = await loadInstanceFacts(deps, input);
      return requireScheduler(deps).ensure({
        tenantId: input.tenantId,
        instanceId: input.instanceId,
        taskQueue: input.taskQueue,
        fullEverySeconds: facts.plan.fullBackupEverySeconds,
        diffEverySeconds: facts.plan.diffBackupEverySeconds,
        incrEverySeconds: facts.plan.incrBackupEverySeconds,
        drillEverySeconds: facts.plan.drillEverySeconds,
      });
    },
    async deleteBackupSchedules(ref: InstanceRef): Promise<void> {
      await requireScheduler(deps).remove(ref);
    },
  };
}

function requireScheduler(deps: ActivityDeps) {
  if (!deps.backupScheduler)
    throw new Error(
      'this worker was built without a backup scheduler (ActivityDeps.backupScheduler)',
    );
  return deps.backupScheduler;
}
