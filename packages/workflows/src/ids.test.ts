import { describe, expect, it } from 'vitest';
import { belongsToTenant, parseWorkflowId, tenantPrefix, workflowIds } from './ids';
import { CONTROL_PLANE_QUEUE, hostQueue } from './task-queues';

describe('workflow ids', () => {
  it('builds tenant-scoped ids', () => {
    expect(workflowIds.restore('t1', 'i1', 'r1')).toBe('tenant:t1:instance:i1:restore:r1');
    expect(workflowIds.createInstance('t1', 'i1')).toBe('tenant:t1:instance:i1:create');
    expect(workflowIds.backup('t1', 'i1', 'req-9')).toBe('tenant:t1:instance:i1:backup:req-9');
    expect(workflowIds.backupSchedule('t1', 'i1')).toBe('tenant:t1:instance:i1:backup-schedule');
    expect(tenantPrefix('t1')).toBe('tenant:t1:');
    expect(workflowIds.applyTenantPlan('t1')).toBe('tenant:t1:apply-plan');
    expect(belongsToTenant(workflowIds.applyTenantPlan('t1'), 't1')).toBe(true);
    expect(() => workflowIds.applyTenantPlan('t1:instance:x')).toThrow(/cannot be part/);
  });

  it('round-trips through parseWorkflowId', () => {
    expect(parseWorkflowId(workflowIds.restore('t-1', 'inst_2', 'abc.3'))).toEqual({
      tenantId: 't-1',
      instanceId: 'inst_2',
      kind: 'restore',
      subId: 'abc.3',
    });
    expect(parseWorkflowId(workflowIds.deleteInstance('t', 'i'))).toEqual({
      tenantId: 't',
      instanceId: 'i',
      kind: 'delete',
    });
    expect(parseWorkflowId('platform:host:h:probe:x')).toBeUndefined();
  });

  it('refuses parts that could forge another tenant or path', () => {
    expect(() => workflowIds.restore('t1:instance:x', 'i', 'r')).toThrow(/cannot be part/);
    expect(() => workflowIds.restore('t1', '', 'r')).toThrow();
    expect(() => workflowIds.restore('t1', 'i', 'r/..')).toThrow();
  });

  it('scopes by exact tenant prefix', () => {
    expect(belongsToTenant(workflowIds.restore('t1', 'i', 'r'), 't1')).toBe(true);
    expect(belongsToTenant(workflowIds.restore('t10', 'i', 'r'), 't1')).toBe(false);
  });

  it('names task queues', () => {
    expect(CONTROL_PLANE_QUEUE).toBe('control-plane');
    expect(hostQueue('host-1')).toBe('host:host-1');
    expect(() => hostQueue('a:b')).toThrow();
  });
});
