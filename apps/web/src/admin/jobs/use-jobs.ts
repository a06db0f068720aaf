import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseBody } from '../../api/types';

export type JobsOverview = ResponseBody<'/api/v1/admin/jobs', 'get'>;
export type QueueCounts = JobsOverview['queues'][number];
export type FailedJob = JobsOverview['items'][number];

export const jobsPageKey = ['admin', 'jobs', 'page'] as const;

/** Counts per queue and the failed jobs, newest failure first; read again every 10 s. */
export function useJobsOverview() {
  return useQuery({
    queryKey: jobsPageKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/admin/jobs', { params: { query: { limit: 100 } } })),
    refetchInterval: 10_000,
  });
}

export function useRetry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (job: { queue: FailedJob['queue']; id: string }) =>
      unwrap(
        await api.POST('/api/v1/admin/jobs/{queue}/{jobId}/retry', {
          params: { path: { queue: job.queue, jobId: job.id } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
}

export function useReconcileNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/admin/jobs/reconcile')),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
}
