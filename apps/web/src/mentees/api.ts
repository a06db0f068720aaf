import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RequestBody, ResponseBody } from '../api/types';

export type MenteePracticum = ResponseBody<'/api/v1/me/practicums', 'get'>['items'][number];
export type PracticumSession = ResponseBody<
  '/api/v1/practicums/{id}/sessions',
  'get'
>['items'][number];
export type LogSession = RequestBody<'/api/v1/practicums/{id}/sessions', 'post'>;
export type SessionKind = LogSession['kind'];
export type TraineeProgress = ResponseBody<'/api/v1/trainees/{id}/progress', 'get'>;

export const sessionKinds: SessionKind[] = ['consultation', 'mentoring'];

export const menteeKeys = {
  practicums: ['me', 'practicums', 'mentor'] as const,
  sessions: (practicumId: string) => ['practicums', practicumId, 'sessions'] as const,
  progress: (traineeId: string) => ['trainees', traineeId, 'progress'] as const,
};

/** The practicums the signed-in person mentors, with the trainee's name and the ledger's counts. */
export function useMentorPracticums() {
  return useQuery({
    queryKey: menteeKeys.practicums,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/me/practicums', {
          params: { query: { role: 'mentor', limit: 200 } },
        }),
      ),
  });
}

export function usePracticumSessions(practicumId: string) {
  return useQuery({
    queryKey: menteeKeys.sessions(practicumId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/practicums/{id}/sessions', {
          params: { path: { id: practicumId }, query: { limit: 100 } },
        }),
      ),
  });
}

/** A trainee's progress as the API derives it (mentors of the trainee may read it). */
export function useTraineeProgress(traineeId: string) {
  return useQuery({
    queryKey: menteeKeys.progress(traineeId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/trainees/{id}/progress', { params: { path: { id: traineeId } } }),
      ),
  });
}

export function useLogSession(practicumId: string, traineeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LogSession) =>
      unwrap(
        await api.POST('/api/v1/practicums/{id}/sessions', {
          params: { path: { id: practicumId } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: menteeKeys.practicums }),
        queryClient.invalidateQueries({ queryKey: menteeKeys.sessions(practicumId) }),
        queryClient.invalidateQueries({ queryKey: menteeKeys.progress(traineeId) }),
      ]),
  });
}
