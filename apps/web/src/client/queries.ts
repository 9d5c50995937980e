'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedInstance, InstanceDetail, InstanceSummary, MeResponse } from '@/lib/api-types';
import { api } from './api';

export const queryKeys = {
  me: ['me'] as const,
  instances: ['instances'] as const,
  instance: (id: string) => ['instances', id] as const,
};

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => api<MeResponse>('/api/v1/me') });
}

export function useInstances() {
  return useQuery({
    queryKey: queryKeys.instances,
    queryFn: () => api<InstanceSummary[]>('/api/v1/instances'),
    // Instances move through creating → running on their own; keep the list honest.
    refetchInterval: (q) => (q.state.data?.some((i) => i.status === 'creating') ? 3_000 : 30_000),
  });
}

export function useInstance(id: string) {
  return useQuery({
    queryKey: queryKeys.instance(id),
    queryFn: () => api<InstanceDetail>(`/api/v1/instances/${encodeURIComponent(id)}`),
  });
}

export function useCreateInstance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<CreatedInstance>('/api/v1/instances', { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.instances }),
  });
}
