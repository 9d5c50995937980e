import { describe, expect, it } from 'vitest';
import { AppError } from '@rewind/core';
import {
  assertTenantRow,
  assertTenantRows,
  isUuid,
  requireTenantRow,
  TenantMismatchError,
  tenantWhere,
} from './tenant-access';
import { instances } from '../schema';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('tenant access helpers', () => {
  it('assertTenantRow passes the tenant’s rows through', () => {
    const row = { id: 'x', tenantId: A };
    expect(assertTenantRow(row, A)).toBe(row);
    expect(assertTenantRows([row, row], A)).toHaveLength(2);
  });

  it('another tenant’s row answers not_found, with a distinguishable name for logs', () => {
    let caught: unknown;
    try {
      assertTenantRows([{ tenantId: A }, { tenantId: B }], A, 'instance');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TenantMismatchError);
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({
      code: 'not_found',
      message: 'instance not found',
      name: 'TenantMismatchError',
    });
    expect(() => assertTenantRow({ tenantId: null }, A)).toThrow(TenantMismatchError);
  });

  it('requireTenantRow: absent is not_found', () => {
    expect(() => requireTenantRow(undefined, A, 'restore')).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'restore not found' }),
    );
  });

  it('tenantWhere builds a condition on tenant_id', () => {
    expect(tenantWhere(instances, A)).toBeDefined();
  });

  it('isUuid', () => {
    expect(isUuid(A)).toBe(true);
    expect(isUuid('nope')).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});
