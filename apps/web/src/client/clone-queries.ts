'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CloneExtended, CloneKept, InstanceCredentials } from '@/lib/api-types';
import { api } from './api';
import { queryKeys } from './queries';

const enc = encodeURIComponent;

/** Reveal: the password, fetched only when asked for (the API audits each fetch). */
export function fetchCredentials(instanceId: string): Promise<InstanceCredentials> {
  return api<InstanceCredentials>(`/api/v1/instances/${enc(instanceId)}/password`, {
    method: 'POST',
  });
}

/** Extend TTL: the clone's new expiry; the instance and restore views refresh with it. */
export function useExtendClone(cloneId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (expiresAt: string) =>
      api<CloneExtended>(`/api/v1/instances/${enc(cloneId)}/extend`, {
        method: 'POST',
        body: { expiresAt },
      }),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.instance(cloneId) });
      await client.invalidateQueries({ queryKey: queryKeys.instances, exact: true });
      await client.invalidateQueries({ queryKey: ['restores'] });
    },
  });
}

/** Keep as a permanent instance: no expiry any more; counts against the plan's instance limit. */
export function useKeepClone(cloneId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<CloneKept>(`/api/v1/instances/${enc(cloneId)}/keep`, { method: 'POST' }),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.instance(cloneId) });
      await client.invalidateQueries({ queryKey: queryKeys.instances, exact: true });
      await client.invalidateQueries({ queryKey: ['restores'] });
    },
  });
}
