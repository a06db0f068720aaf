import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RequestBody, ResponseBody } from '../api/types';
import { progressKey } from '../pathway/use-progress';

export type PracticeLogPage = ResponseBody<'/api/v1/me/practice-logs', 'get'>;
export type PracticeLog = PracticeLogPage['items'][number];
export type LogPractice = RequestBody<'/api/v1/me/practice-logs', 'post'>;
export type PracticeKind = LogPractice['practice'];

export const practiceKinds: PracticeKind[] = [
  'sitting',
  'loving_kindness',
  'self_compassion',
  'informal',
];

export const practiceLogsKey = ['me', 'practice-logs'] as const;

/** The practice logged from `from` to `to` (local dates), with the API's 60-day count and streak. */
export function usePracticeLogs(from: string, to: string) {
  return useQuery({
    queryKey: [...practiceLogsKey, from, to],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/me/practice-logs', {
          params: { query: { from, to, limit: 200 } },
        }),
      ),
  });
}

export function useLogPractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LogPractice) =>
      unwrap(await api.POST('/api/v1/me/practice-logs', { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: practiceLogsKey }),
        queryClient.invalidateQueries({ queryKey: progressKey }),
      ]),
  });
}
