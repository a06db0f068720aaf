import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { RequestBody, ResponseBody } from '../../api/types';

export type AdminCohort = ResponseBody<'/api/v1/cohorts/{id}', 'get'>;
export type RosterEntry = ResponseBody<'/api/v1/cohorts/{id}/enrollments', 'get'>['items'][number];
export type AttendanceStatus = RequestBody<
  '/api/v1/cohorts/{id}/sessions/{sessionId}/attendance',
  'put'
>['records'][number]['status'];
export type TeacherRole = RequestBody<'/api/v1/cohorts/{id}/teachers', 'post'>['role'];
export type CohortStatus = AdminCohort['status'];
export type NewCohort = RequestBody<'/api/v1/cohorts', 'post'>;

export const cohortKey = (id: string) => ['admin', 'cohort', id] as const;
export const rosterKey = (id: string) => ['admin', 'cohort', id, 'roster'] as const;
export const attendanceKey = (id: string, sessionId: string) =>
  ['admin', 'cohort', id, 'attendance', sessionId] as const;
export const adminCohortsKey = ['admin', 'cohorts'] as const;

/**
 * Seats free while people wait and the cohort has not started: the waitlist is being promoted in
 * the background (after a larger capacity or a withdrawal), so the cohort is read again shortly.
 */
function promoting(cohort: AdminCohort | undefined): boolean {
  if (!cohort || cohort.status !== 'open') return false;
  if (cohort.waitlistCount === 0 || cohort.seatsLeft === 0) return false;
  const first = cohort.sessions.reduce<string | null>(
    (min, s) => (min === null || s.startsAt < min ? s.startsAt : min),
    null,
  );
  return first !== null && Date.parse(first) > Date.now();
}

/** One cohort; `awaitCompletion` polls until the background completion has finished. */
export function useAdminCohort(id: string, awaitCompletion = false) {
  return useQuery({
    queryKey: cohortKey(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{id}', { params: { path: { id } } })),
    refetchInterval: (query) =>
      (awaitCompletion && query.state.data?.status !== 'completed') ||
      query.state.data?.status === 'scheduling' ||
      promoting(query.state.data)
        ? 1000
        : false,
  });
}

/** Every cohort (optionally of one status), newest start first. */
export function useAdminCohorts(status: CohortStatus | null) {
  return useQuery({
    queryKey: [...adminCohortsKey, status ?? 'all'],
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/cohorts', {
          params: { query: { limit: 200, ...(status ? { status } : {}) } },
        }),
      );
      return [...page.items].sort((a, b) => b.startDate.localeCompare(a.startDate));
    },
    placeholderData: keepPreviousData,
  });
}

export function useRoster(id: string) {
  return useQuery({
    queryKey: rosterKey(id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{id}/enrollments', {
          params: { path: { id }, query: { limit: 200 } },
        }),
      ).items,
  });
}

export function useAttendance(id: string, sessionId: string | null) {
  return useQuery({
    queryKey: attendanceKey(id, sessionId ?? ''),
    enabled: sessionId !== null,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{id}/sessions/{sessionId}/attendance', {
          params: { path: { id, sessionId: sessionId ?? '' } },
        }),
      ),
  });
}

function useInvalidateCohort(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: cohortKey(id) }),
      queryClient.invalidateQueries({ queryKey: adminCohortsKey }),
    ]);
}

export function useSaveAttendance(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      sessionId: string;
      records: { userId: string; status: AttendanceStatus }[];
    }) =>
      unwrap(
        await api.PUT('/api/v1/cohorts/{id}/sessions/{sessionId}/attendance', {
          params: { path: { id, sessionId: input.sessionId } },
          body: { records: input.records },
        }),
      ),
    onSuccess: (answer, input) => {
      queryClient.setQueryData(attendanceKey(id, input.sessionId), answer);
      return queryClient.invalidateQueries({ queryKey: rosterKey(id) });
    },
  });
}

export function useCompleteCohort(id: string) {
  const invalidate = useInvalidateCohort(id);
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/cohorts/{id}/complete', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useReopenCohort(id: string) {
  const invalidate = useInvalidateCohort(id);
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/cohorts/{id}/reopen', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useWithdrawParticipant(id: string) {
  const invalidate = useInvalidateCohort(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(
        await api.DELETE('/api/v1/cohorts/{id}/enrollments/{userId}', {
          params: { path: { id, userId } },
        }),
      ),
    onSuccess: () =>
      Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: rosterKey(id) })]),
  });
}

export function useAssignTeacher(id: string) {
  const invalidate = useInvalidateCohort(id);
  return useMutation({
    mutationFn: async (body: { userId: string; role: TeacherRole }) =>
      unwrap(await api.POST('/api/v1/cohorts/{id}/teachers', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useRemoveTeacher(id: string) {
  const invalidate = useInvalidateCohort(id);
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(
        await api.DELETE('/api/v1/cohorts/{id}/teachers/{userId}', {
          params: { path: { id, userId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCourses() {
  return useQuery({
    queryKey: ['admin', 'courses'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/courses', { params: { query: { limit: 200 } } })).items,
  });
}

export function useCreateCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewCohort) => unwrap(await api.POST('/api/v1/cohorts', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminCohortsKey }),
  });
}

export type CohortChanges = RequestBody<'/api/v1/cohorts/{id}', 'patch'>;

/** Changes a cohort; the answer is the cohort as it now is. */
export function useUpdateCohort(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CohortChanges) =>
      unwrap(await api.PATCH('/api/v1/cohorts/{id}', { params: { path: { id } }, body })),
    onSuccess: (cohort) => {
      queryClient.setQueryData(cohortKey(id), cohort);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: adminCohortsKey }),
        // A larger capacity fills seats from the waitlist in the background.
        queryClient.invalidateQueries({ queryKey: rosterKey(id) }),
      ]);
    },
  });
}

export function useCancelCohort(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{id}/cancel', {
          params: { path: { id } },
          body: { reason },
        }),
      ),
    onSuccess: (cohort) => {
      queryClient.setQueryData(cohortKey(id), cohort);
      return queryClient.invalidateQueries({ queryKey: adminCohortsKey });
    },
  });
}
