import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseBody } from '../../api/types';

export type AuditEvent = ResponseBody<'/api/v1/audit-events', 'get'>['items'][number];
export type JobsOverview = ResponseBody<'/api/v1/admin/jobs', 'get'>;
export type FailedJob = JobsOverview['items'][number];

export interface AuditFilter {
  actorId?: string;
  action?: string;
  subject?: string;
  /** Instants: events at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

export const auditKey = ['admin', 'audit'] as const;
export const jobsKey = ['admin', 'jobs'] as const;

/** GET /audit-events, newest first, a page at a time (by nextCursor). */
export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: [...auditKey, filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/audit-events', {
          params: { query: { ...filter, limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useJobs() {
  return useQuery({
    queryKey: jobsKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/jobs', { params: { query: {} } })),
  });
}

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (job: { queue: FailedJob['queue']; id: string }) =>
      unwrap(
        await api.POST('/api/v1/admin/jobs/{queue}/{jobId}/retry', {
          params: { path: { queue: job.queue, jobId: job.id } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: jobsKey }),
  });
}
