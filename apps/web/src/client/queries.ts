'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuditPage,
  AuditVerify,
  BackupItem,
  CreatedInstance,
  CreatedToken,
  DrillItem,
  InstanceActionAccepted,
  InstanceDetailFull,
  InstanceSummary,
  MeResponse,
  InvitationCreated,
  MemberView,
  PreflightResponse,
  RestoreListItem,
  RestoreRequest,
  RestoreView,
  TenantView,
  TokenView,
  ValidationExpectation,
  ValidationQueryView,
  WalEventsResponse,
} from '@/lib/api-types';
import { api } from './api';

export const queryKeys = {
  me: ['me'] as const,
  instances: ['instances'] as const,
  instance: (id: string) => ['instances', id] as const,
  backups: (id: string) => ['instances', id, 'backups'] as const,
  drills: (id: string) => ['instances', id, 'drills'] as const,
  validationQueries: (id: string) => ['instances', id, 'validation-queries'] as const,
  walEvents: (id: string, from: string, to: string) =>
    ['instances', id, 'wal-events', from, to] as const,
  restores: (instanceId?: string) => ['restores', 'list', instanceId ?? 'all'] as const,
  restore: (id: string) => ['restores', id] as const,
  tenant: ['tenant'] as const,
  members: ['members'] as const,
  tokens: ['tokens'] as const,
  audit: (filters: Record<string, string>) => ['audit', filters] as const,
  auditVerify: ['audit', 'verify'] as const,
};

const enc = encodeURIComponent;

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => api<MeResponse>('/api/v1/me') });
}

/** The signed-in person's permissions in the current tenant; empty until /me answers. */
export function useCan(permission: string): boolean {
  const me = useMe();
  return me.data?.permissions.includes(permission) ?? false;
}

const TRANSITIONAL = new Set(['creating', 'stopping', 'starting', 'restoring', 'deleting']);

export function useInstances() {
  return useQuery({
    queryKey: queryKeys.instances,
    queryFn: () => api<InstanceSummary[]>('/api/v1/instances'),
    // Instances move through creating → running (stopping → stopped, …) on their own; keep the list honest.
    refetchInterval: (q) =>
      q.state.data?.some((i) => TRANSITIONAL.has(i.status)) ? 3_000 : 30_000,
  });
}

/** The detail polls every 5 s: the newest restorable second moves as WAL is archived. */
export function useInstance(id: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.instance(id),
    queryFn: () => api<InstanceDetailFull>(`/api/v1/instances/${enc(id)}`),
    refetchInterval: options.poll === false ? false : 5_000,
    placeholderData: keepPreviousData,
  });
}

export function useBackups(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.backups(id),
    queryFn: () => api<BackupItem[]>(`/api/v1/instances/${enc(id)}/backups`),
    refetchInterval: 30_000,
    enabled,
  });
}

export function useDrills(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.drills(id),
    queryFn: () =>
      api<{ drills: DrillItem[] }>(`/api/v1/instances/${enc(id)}/drills`).then((r) => r.drills),
    enabled,
  });
}

/** The tenant's own checks on every restored copy of the instance, in the order they run. */
export function useValidationQueries(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.validationQueries(id),
    queryFn: () => api<ValidationQueryView[]>(`/api/v1/instances/${enc(id)}/validation-queries`),
    enabled,
  });
}

/** Add (201) and delete (204) validation queries: owners and admins; the API refuses anyone else with 403. */
export function useValidationQueryMutations(id: string) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: queryKeys.validationQueries(id) });
  return {
    create: useMutation({
      mutationFn: (b: { name: string; sql: string; expectation: ValidationExpectation }) =>
        api<ValidationQueryView>(`/api/v1/instances/${enc(id)}/validation-queries`, {
          method: 'POST',
          body: b,
        }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (queryId: string) =>
        api<unknown>(`/api/v1/instances/${enc(id)}/validation-queries/${enc(queryId)}`, {
          method: 'DELETE',
        }),
      onSettled: done,
    }),
  };
}

/** Reads archived WAL on the host (a short workflow): asked for on demand, never polled. */
export function useWalEvents(id: string, range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: queryKeys.walEvents(id, range?.from ?? '', range?.to ?? ''),
    queryFn: () =>
      api<WalEventsResponse>(
        `/api/v1/instances/${enc(id)}/wal-events?from=${enc(range!.from)}&to=${enc(range!.to)}`,
      ),
    enabled: range !== null,
    staleTime: 60_000,
    // an event no catalog sync named is being named from a restored copy's catalog (a minute or
    // two): ask again until every event has its names or is known to have none
    refetchInterval: (q) =>
      q.state.data?.events.some((e) => e.resolution === 'pending') ? 15_000 : false,
  });
}

export function useCreateInstance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<CreatedInstance>('/api/v1/instances', { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.instances }),
  });
}

/**
 * Stop, start (owners and admins) or delete (owners) an instance: the API answers 202 with the
 * status it moved to (stopping, starting, deleting); the detail's poll follows the workflow.
 */
export function useInstanceLifecycle(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'stop' | 'start' | 'delete') =>
      action === 'delete'
        ? api<InstanceActionAccepted>(`/api/v1/instances/${enc(id)}`, { method: 'DELETE' })
        : api<InstanceActionAccepted>(`/api/v1/instances/${enc(id)}/${action}`, { method: 'POST' }),
    onSuccess: (accepted) => {
      client.setQueryData<InstanceDetailFull>(queryKeys.instance(id), (d) =>
        d ? { ...d, status: accepted.status } : d,
      );
      return client.invalidateQueries({ queryKey: queryKeys.instances, exact: true });
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.instance(id), exact: true }),
  });
}

export function useSetLegalHold(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (legalHold: boolean) =>
      api<{ legalHold: boolean }>(`/api/v1/instances/${enc(id)}`, {
        method: 'PATCH',
        body: { legalHold },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.instance(id) }),
  });
}

export function preflight(instanceId: string, body: RestoreRequest): Promise<PreflightResponse> {
  return api<PreflightResponse>(`/api/v1/instances/${enc(instanceId)}/restores/preflight`, {
    method: 'POST',
    body,
  });
}

export function useRequestRestore(instanceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RestoreRequest) =>
      api<{ id: string; status: string }>(`/api/v1/instances/${enc(instanceId)}/restores`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['restores'] }),
  });
}

const FINAL = new Set(['succeeded', 'failed', 'cancelled', 'rejected', 'expired']);

export function isFinalRestore(status: string): boolean {
  return FINAL.has(status);
}

export function useRestore(id: string) {
  return useQuery({
    queryKey: queryKeys.restore(id),
    queryFn: () => api<RestoreView>(`/api/v1/restores/${enc(id)}`),
    // live while it runs; a finished replace still changes while an undo runs
    refetchInterval: (q) => {
      const r = q.state.data;
      if (!r) return 2_000;
      if (!isFinalRestore(r.status) || r.phase === 'undoing') return 2_000;
      return 30_000;
    },
  });
}

/**
 * A table restore's progress: its restore succeeds when the transient clone is handed over, and
 * the copy into the live instance comes after, so this polls until `tableRestore` has ended.
 */
export function useTableRestore(id: string | null) {
  return useQuery({
    queryKey: queryKeys.restore(id ?? ''),
    queryFn: () => api<RestoreView>(`/api/v1/restores/${enc(id ?? '')}`),
    enabled: id !== null,
    refetchInterval: (q) => {
      const r = q.state.data;
      if (!r) return 2_000;
      const state = r.tableRestore?.state;
      if (state === 'copied' || state === 'failed') return false;
      if (isFinalRestore(r.status) && r.status !== 'succeeded') return false;
      return 2_000;
    },
  });
}

export function useRestores(instanceId?: string) {
  return useQuery({
    queryKey: queryKeys.restores(instanceId),
    queryFn: () =>
      api<RestoreListItem[]>(
        `/api/v1/restores${instanceId ? `?instanceId=${enc(instanceId)}` : ''}`,
      ),
    refetchInterval: (q) => (q.state.data?.some((r) => !isFinalRestore(r.status)) ? 5_000 : 30_000),
  });
}

function useRestoreAction(id: string, action: 'cancel' | 'undo' | 'cutover') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason?: string) =>
      api<{ id: string; status: string }>(`/api/v1/restores/${enc(id)}/${action}`, {
        method: 'POST',
        body: action === 'undo' ? (reason ? { reason } : {}) : undefined,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.restore(id) }),
  });
}

export const useCancelRestore = (id: string) => useRestoreAction(id, 'cancel');

/**
 * Approve or reject with a reason. `tenant`: an owner or admin of the restore's tenant (the
 * portal); `platform`: a platform admin on any tenant (/admin). Either way the API refuses the
 * requester with 403, whatever the UI shows.
 */
export function useDecideRestore(via: 'tenant' | 'platform') {
  const client = useQueryClient();
  const base = via === 'platform' ? '/api/v1/admin/restores' : '/api/v1/restores';
  return useMutation({
    mutationFn: (v: { id: string; approve: boolean; reason: string }) =>
      api<{ id: string; decision: string }>(
        `${base}/${enc(v.id)}/${v.approve ? 'approve' : 'reject'}`,
        {
          method: 'POST',
          body: { reason: v.reason },
        },
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['restores'] }),
        client.invalidateQueries({ queryKey: ['admin', 'restores'] }),
      ]),
  });
}
export const useUndoRestore = (id: string) => useRestoreAction(id, 'undo');
export const useConfirmCutover = (id: string) => useRestoreAction(id, 'cutover');

export function useTenant() {
  return useQuery({ queryKey: queryKeys.tenant, queryFn: () => api<TenantView>('/api/v1/tenant') });
}

export function useUpdateTenant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Pick<TenantView, 'retentionDays' | 'approvalPolicy'>>) =>
      api<TenantView>('/api/v1/tenant', { method: 'PATCH', body: patch }),
    onSuccess: (data) => client.setQueryData(queryKeys.tenant, data),
  });
}

export function useMembers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.members,
    queryFn: () => api<MemberView[]>('/api/v1/members'),
    enabled,
  });
}

export function useMemberMutations() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: queryKeys.members });
  return {
    add: useMutation({
      mutationFn: (b: { email: string; role: string }) =>
        api<InvitationCreated>('/api/v1/members', { method: 'POST', body: b }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: (b: { userId: string; role: string }) =>
        api<MemberView>(`/api/v1/members/${enc(b.userId)}`, {
          method: 'PATCH',
          body: { role: b.role },
        }),
      onSettled: done,
    }),
    remove: useMutation({
      mutationFn: (userId: string) =>
        api<unknown>(`/api/v1/members/${enc(userId)}`, { method: 'DELETE' }),
      onSettled: done,
    }),
  };
}

export function useTokens(enabled = true) {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: () => api<TokenView[]>('/api/v1/tokens'),
    enabled,
  });
}

export function useTokenMutations() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: queryKeys.tokens });
  return {
    create: useMutation({
      mutationFn: (name: string) =>
        api<CreatedToken>('/api/v1/tokens', { method: 'POST', body: { name } }),
      onSuccess: done,
    }),
    revoke: useMutation({
      mutationFn: (id: string) => api<unknown>(`/api/v1/tokens/${enc(id)}`, { method: 'DELETE' }),
      onSettled: done,
    }),
  };
}

export function useAudit(filters: Record<string, string>) {
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  return useQuery({
    queryKey: queryKeys.audit(filters),
    queryFn: () => api<AuditPage>(`/api/v1/audit${qs ? `?${qs}` : ''}`),
    placeholderData: keepPreviousData,
  });
}

export function useAuditVerify() {
  return useQuery({
    queryKey: queryKeys.auditVerify,
    queryFn: () => api<AuditVerify>('/api/v1/audit/verify'),
  });
}
