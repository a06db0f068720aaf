import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';

export type MyPracticum = ResponseBody<'/api/v1/me/practicums', 'get'>['items'][number];
export type RecordingSummary = ResponseBody<'/api/v1/me/recordings', 'get'>['items'][number];
export type Recording = ResponseBody<'/api/v1/recordings/{id}', 'get'>;
export type Rubric = ResponseBody<'/api/v1/practicum/rubric', 'get'>;
export type Cohort = ResponseBody<'/api/v1/cohorts', 'get'>['items'][number];

export const practicumKeys = {
  mine: ['me', 'practicums'] as const,
  recordings: ['me', 'recordings'] as const,
  recording: (id: string) => ['recordings', id] as const,
  rubric: ['practicum', 'rubric'] as const,
  teaching: (userId: string) => ['cohorts', 'taught-by', userId] as const,
};

/** The practicum the signed-in person is the trainee of and can still upload to, if any. */
export function useMyActivePracticum() {
  return useQuery({
    queryKey: practicumKeys.mine,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/practicums', { params: { query: { limit: 200 } } })),
    select: (data) => data.items.find((p) => p.role === 'trainee' && p.status === 'active') ?? null,
  });
}

/**
 * The cohorts the person teaches, to record a session of: the cohort list carries each cohort's
 * teachers. Whether a recording of it is accepted stays the API's decision.
 */
export function useTaughtCohorts(userId: string) {
  return useQuery({
    queryKey: practicumKeys.teaching(userId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts', { params: { query: { limit: 200 } } })),
    select: (data) => data.items.filter((c) => c.teachers.some((t) => t.userId === userId)),
  });
}

/** The trainee's recordings, newest first; polled while one is still being processed. */
export function useMyRecordings() {
  return useQuery({
    queryKey: practicumKeys.recordings,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/recordings', { params: { query: { limit: 200 } } })),
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => r.status === 'processing') ? 2_000 : false,
  });
}

export function useRecording(id: string) {
  return useQuery({
    queryKey: practicumKeys.recording(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/recordings/{id}', { params: { path: { id } } })),
  });
}

/** The review rubric: domain titles and level titles, in the order a review shows them. */
export function useRubric() {
  return useQuery({
    queryKey: practicumKeys.rubric,
    queryFn: async () => unwrap(await api.GET('/api/v1/practicum/rubric')),
    staleTime: Infinity,
  });
}

/** "1:05" or "1:02:03" for a position in a recording. */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}
