import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RequestBody, ResponseBody } from '../api/types';
import { progressKey } from '../pathway/use-progress';

export type CertificationRequest = ResponseBody<
  '/api/v1/me/certifications',
  'get'
>['items'][number];
export type Designation = RequestBody<'/api/v1/certifications', 'post'>['designation'];

export const myCertificationsKey = ['me', 'certifications'] as const;

export function useMyCertifications() {
  return useQuery({
    queryKey: myCertificationsKey,
    queryFn: async () =>
      [
        ...unwrap(await api.GET('/api/v1/me/certifications', { params: { query: { limit: 200 } } }))
          .items,
      ].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  });
}

/** Asks for a designation; the API checks the requirements (422 with `unmet`). */
export function useRequestCertification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (designation: Designation) =>
      unwrap(await api.POST('/api/v1/certifications', { body: { designation } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: myCertificationsKey }),
        queryClient.invalidateQueries({ queryKey: progressKey }),
      ]),
  });
}
