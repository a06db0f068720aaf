import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RequestBody, ResponseBody } from '../api/types';
import { practicumKeys } from '../practicum/use-practicum';

export type ReviewAssignment = ResponseBody<'/api/v1/me/reviews', 'get'>['items'][number];
export type SubmitReview = RequestBody<'/api/v1/recordings/{id}/reviews', 'post'>;
export type Scores = SubmitReview['scores'];
export type DomainKey = keyof Scores;
export type LevelKey = Scores[DomainKey];
export type ReviewComment = SubmitReview['comments'][number];

export const reviewKeys = {
  all: ['me', 'reviews'] as const,
  queue: (status: 'pending' | 'done') => ['me', 'reviews', status] as const,
  count: ['me', 'reviews', 'count'] as const,
};

/** The recordings assigned to the signed-in mentor: pending ones overdue first (the API's order). */
export function useReviewQueue(status: 'pending' | 'done') {
  return useQuery({
    queryKey: reviewKeys.queue(status),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/reviews', { params: { query: { status, limit: 100 } } })),
  });
}

/** The queue's numbers, for the navigation's badge; refreshed now and then while the app is open. */
export function useReviewCounts(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.count,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/reviews/count')),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useSubmitReview(recordingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SubmitReview) =>
      unwrap(
        await api.POST('/api/v1/recordings/{id}/reviews', {
          params: { path: { id: recordingId } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: practicumKeys.recording(recordingId) }),
      ]),
  });
}
