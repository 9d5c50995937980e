'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminAuditPage,
  AdminDrill,
  AdminFleetInstance,
  AdminPlan,
  AdminRestore,
  AdminTenant,
} from '@/server/admin/admin-types';
import { api } from '../api';

export const adminKeys = {
  all: ['admin'] as const,
  restores: (status?: string) => ['admin', 'restores', status ?? 'all'] as const,
  drills: ['admin', 'drills'] as const,
  fleet: ['admin', 'fleet'] as const,
  tenants: ['admin', 'tenants'] as const,
  plans: ['admin', 'plans'] as const,
  audit: (query: string) => ['admin', 'audit', query] as const,
};

export function usePendingRestores() {
  return useQuery({
    queryKey: adminKeys.restores('pending_approval'),
    queryFn: () =>
      api<{ restores: AdminRestore[] }>('/api/v1/admin/restores?status=pending_approval').then(
        (r) => r.restores,
      ),
    // someone is waiting on each of these: keep the queue fresh without a reload
    refetchInterval: 10_000,
  });
}

export function useAllRestores() {
  return useQuery({
    queryKey: adminKeys.restores(),
    queryFn: () =>
      api<{ restores: AdminRestore[] }>('/api/v1/admin/restores?limit=200').then((r) => r.restores),
    refetchInterval: 15_000,
  });
}

export function useDrills() {
  return useQuery({
    queryKey: adminKeys.drills,
    queryFn: () =>
      api<{ drills: AdminDrill[] }>('/api/v1/admin/drills?limit=200').then((r) => r.drills),
  });
}

export function useFleet() {
  return useQuery({
    queryKey: adminKeys.fleet,
    queryFn: () =>
      api<{ instances: AdminFleetInstance[]; generatedAt: string }>('/api/v1/admin/fleet'),
    refetchInterval: 30_000,
  });
}

export function useTenants() {
  return useQuery({
    queryKey: adminKeys.tenants,
    queryFn: () => api<{ tenants: AdminTenant[] }>('/api/v1/admin/tenants').then((r) => r.tenants),
  });
}

export function usePlans() {
  return useQuery({
    queryKey: adminKeys.plans,
    queryFn: () => api<{ plans: AdminPlan[] }>('/api/v1/admin/plans').then((r) => r.plans),
  });
}

export function useAuditSearch(query: string) {
  return useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () => api<AdminAuditPage>(`/api/v1/admin/audit${query ? `?${query}` : ''}`),
  });
}

export function useSetTenantPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { tenantId: string; planId: string }) =>
      api<{ changed: boolean }>(`/api/v1/admin/tenants/${encodeURIComponent(v.tenantId)}`, {
        method: 'PATCH',
        body: { planId: v.planId },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.tenants }),
  });
}

export type PlanLimits = Omit<AdminPlan, 'id' | 'name' | 'approvalForAllRestores'>;

export function useUpdatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { planId: string; limits: Partial<PlanLimits> }) =>
      api<{ plan: AdminPlan }>(`/api/v1/admin/plans/${encodeURIComponent(v.planId)}`, {
        method: 'PATCH',
        body: v.limits,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.plans }),
  });
}
