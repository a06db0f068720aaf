import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';
import { progressKey } from '../pathway/use-progress';

export type Cohort = ResponseBody<'/api/v1/cohorts', 'get'>['items'][number];
export type MyEnrollment = ResponseBody<'/api/v1/me/enrollments', 'get'>['items'][number];
export type Enrollment = ResponseBody<'/api/v1/cohorts/{id}/enrollments', 'post'>;

export const openCohortsKey = ['cohorts', 'open'] as const;
export const myEnrollmentsKey = ['me', 'enrollments'] as const;
export const calendarFeedKey = ['me', 'calendar-feed'] as const;

/** The cohorts open for enrollment, soonest first. */
export function useOpenCohorts() {
  return useQuery({
    queryKey: openCohortsKey,
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/cohorts', { params: { query: { status: 'open', limit: 200 } } }),
      );
      return [...page.items].sort((a, b) => a.startDate.localeCompare(b.startDate));
    },
  });
}

/** The signed-in person's enrollments with attendance and completion, as the API counts them. */
export function useMyEnrollments() {
  return useQuery({
    queryKey: myEnrollmentsKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/enrollments', { params: { query: { limit: 200 } } })).items,
  });
}

/** The person's own iCalendar feed (opens without a token, for calendar apps). */
export function useCalendarFeed() {
  return useQuery({
    queryKey: calendarFeedKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/calendar-feed')),
    staleTime: Infinity,
  });
}

/** `webcal:` makes the browser hand the feed to the calendar app as a subscription. */
export function webcalOf(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

function useInvalidateEnrollments() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: openCohortsKey }),
      queryClient.invalidateQueries({ queryKey: myEnrollmentsKey }),
      queryClient.invalidateQueries({ queryKey: progressKey }),
    ]);
}

/** Enrolls the person themselves; a full cohort puts them on its waitlist. */
export function useEnroll(cohortId: string) {
  const invalidate = useInvalidateEnrollments();
  return useMutation({
    mutationFn: async (): Promise<Enrollment> =>
      unwrap(
        await api.POST('/api/v1/cohorts/{id}/enrollments', {
          params: { path: { id: cohortId } },
          body: {},
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Withdraws the person from a cohort (the waitlist moves up). */
export function useWithdraw(cohortId: string) {
  const invalidate = useInvalidateEnrollments();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.DELETE('/api/v1/cohorts/{id}/enrollments/me', {
          params: { path: { id: cohortId } },
        }),
      ),
    onSuccess: invalidate,
  });
}
