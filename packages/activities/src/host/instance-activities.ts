import type { InstanceStatus } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';

/**
 * Lifecycle of instances on this host. Provisioning is not here yet: it needs passwords and a
 * cipher pass, which must come from the encrypted catalog inside the activity, never as
 * workflow input (inputs are stored in Temporal history in clear text).
 */
export function instanceActivities(deps: ActivityDeps) {
  const { engine } = deps;
  return {
    async instanceStatus(input: { instanceId: string }): Promise<InstanceStatus> {
      return engine.instanceStatus(input);
    },
    async startInstance(input: { instanceId: string }): Promise<void> {
      await withHeartbeat(() => engine.startInstance(input));
    },
    async stopInstance(input: { instanceId: string; mode?: 'fast' | 'immediate' }): Promise<void> {
      await withHeartbeat(() => engine.stopInstance(input));
    },
    /** idempotent: compensation paths call it freely */
    async destroyInstance(input: { instanceId: string }): Promise<void> {
      await withHeartbeat(() => engine.destroyInstance(input));
    },
  };
}
