'use client';

import { useQuery } from '@tanstack/react-query';
import type { CloneDiff } from '@/lib/api-types';
import { api } from './api';

export const restoreDiffPath = (restoreId: string, format?: 'csv') =>
  `/api/v1/restores/${encodeURIComponent(restoreId)}/diff${format ? `?format=${format}` : ''}`;

/** The clone against its source, read once the person asks (it reads every table of both). */
export function useRestoreDiff(restoreId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['restores', restoreId, 'diff'] as const,
    queryFn: () => api<CloneDiff>(restoreDiffPath(restoreId)),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}
