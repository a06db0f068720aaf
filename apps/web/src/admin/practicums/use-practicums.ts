import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseBody } from '../../api/types';

export type PracticumList = ResponseBody<'/api/v1/practicums', 'get'>;
export type AdminPracticum = PracticumList['items'][number];
export type AwaitingRecording = ResponseBody<'/api/v1/recordings', 'get'>['items'][number];

export const practicumsKey = ['admin', 'practicums'] as const;
export const awaitingKey = ['admin', 'recordings', 'awaiting'] as const;

export function usePracticums(q: string) {
  return useQuery({
    queryKey: [...practicumsKey, q],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/practicums', {
          params: { query: { q: q || undefined, limit: 50, offset: 0 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAwaitingRecordings() {
  return useQuery({
    queryKey: awaitingKey,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/recordings', {
          params: { query: { status: 'awaiting_review', limit: 50, offset: 0 } },
        }),
      ),
  });
}

export function useCreatePracticum() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { traineeId: string; mentorId: string }) =>
      unwrap(await api.POST('/api/v1/practicums', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: practicumsKey }),
  });
}

export function useChangeMentor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, mentorId }: { id: string; mentorId: string }) =>
      unwrap(
        await api.PUT('/api/v1/practicums/{id}/mentor', {
          params: { path: { id } },
          body: { mentorId },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: practicumsKey }),
  });
}

export function useReassignReviewer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, reviewerId }: { id: string; reviewerId: string }) =>
      unwrap(
        await api.PUT('/api/v1/recordings/{id}/reviewer', {
          params: { path: { id } },
          body: { reviewerId },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: awaitingKey }),
  });
}
