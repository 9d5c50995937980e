import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import {
  assertLifecycleAllowed,
  IN_PROGRESS_STATUS,
  instanceActions,
  lifecycleRefusal,
  type InstanceAction,
  type LifecycleFacts,
} from './lifecycle';

const base: LifecycleFacts = {
  name: 'orders',
  status: 'running',
  kind: 'primary',
  legalHold: false,
  activeRestores: [],
};
const facts = (over: Partial<LifecycleFacts>): LifecycleFacts => ({ ...base, ...over });

// Expected outcome per status, written out independently of the implementation's table.
const STATUSES = [
  'creating',
  'running',
  'stopping',
  'stopped',
  'starting',
  'restoring',
  'deleting',
  'deleted',
  'failed',
];
const ALLOWED: Record<InstanceAction, string[]> = {
  stop: ['running'],
  start: ['stopped'],
  delete: ['running', 'stopped', 'failed'],
};

describe('instance lifecycle rules', () => {
  for (const action of instanceActions) {
    for (const status of STATUSES) {
      const ok = ALLOWED[action].includes(status);
      it(`${action} from ${status}: ${ok ? 'allowed' : 'refused'}`, () => {
        const refusal = lifecycleRefusal(action, facts({ status }));
        if (ok) expect(refusal).toBeNull();
        else expect(refusal).toMatch(/instance orders/);
      });
    }
  }

  it('says "already" for the repeated click', () => {
    expect(lifecycleRefusal('stop', facts({ status: 'stopped' }))).toBe(
      'instance orders is already stopped',
    );
    expect(lifecycleRefusal('stop', facts({ status: 'stopping' }))).toBe(
      'instance orders is already stopping',
    );
    expect(lifecycleRefusal('start', facts({ status: 'running' }))).toBe(
      'instance orders is already running',
    );
    expect(lifecycleRefusal('delete', facts({ status: 'deleting' }))).toBe(
      'instance orders is already being deleted',
    );
  });

  it('names the states that would allow it', () => {
    expect(lifecycleRefusal('delete', facts({ status: 'creating' }))).toBe(
      'instance orders is creating; only an instance that is running, stopped or failed can be deleted',
    );
    expect(lifecycleRefusal('start', facts({ status: 'failed' }))).toBe(
      'instance orders is failed; only an instance that is stopped can be started',
    );
  });

  it('a legal hold blocks delete only', () => {
    const held = facts({ legalHold: true });
    expect(lifecycleRefusal('delete', held)).toMatch(/legal hold; release the hold/);
    expect(lifecycleRefusal('stop', held)).toBeNull();
    expect(lifecycleRefusal('start', facts({ legalHold: true, status: 'stopped' }))).toBeNull();
  });

  it('any active restore blocks delete; only a replace blocks stop', () => {
    const clone = { id: 'r-1', mode: 'clone' as const, status: 'running' };
    const replace = { id: 'r-2', mode: 'replace' as const, status: 'pending_approval' };
    expect(lifecycleRefusal('delete', facts({ activeRestores: [clone] }))).toBe(
      'a clone restore of instance orders is running (restore r-1); cancel it or wait until it finishes before deleting the instance',
    );
    expect(lifecycleRefusal('stop', facts({ activeRestores: [clone] }))).toBeNull();
    expect(lifecycleRefusal('stop', facts({ activeRestores: [clone, replace] }))).toMatch(
      /a replace restore of instance orders is waiting for approval \(restore r-2\)/,
    );
    expect(
      lifecycleRefusal('start', facts({ status: 'stopped', activeRestores: [replace] })),
    ).toBeNull();
  });

  it('clones are refused whatever their state', () => {
    for (const action of instanceActions)
      expect(
        lifecycleRefusal(
          action,
          facts({ kind: 'clone', status: action === 'start' ? 'stopped' : 'running' }),
        ),
      ).toMatch(/restored clone/);
  });

  it('assertLifecycleAllowed throws conflict with the current status', () => {
    expect(() => assertLifecycleAllowed('stop', base)).not.toThrow();
    try {
      assertLifecycleAllowed('start', base);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'conflict', details: { status: 'running' } });
    }
  });

  it('every action has an in-progress status', () => {
    expect(IN_PROGRESS_STATUS).toEqual({ stop: 'stopping', start: 'starting', delete: 'deleting' });
  });
});
