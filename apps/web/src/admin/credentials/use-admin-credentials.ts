import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import type { ResponseBody } from '../../api/types';

export type AdminCredentialList = ResponseBody<'/api/v1/credentials', 'get'>;
export type AdminCredential = AdminCredentialList['items'][number];
export type CredentialStatus = 'active' | 'suspended' | 'revoked';
export type Designation = AdminCredential['designation'];
export type AdminCeCredit = ResponseBody<'/api/v1/ce-credits', 'get'>['items'][number];
export type CohortOption = ResponseBody<'/api/v1/cohorts', 'get'>['items'][number];

export const CREDENTIAL_STATUSES: CredentialStatus[] = ['active', 'suspended', 'revoked'];
export const DESIGNATIONS: Designation[] = ['trained_teacher', 'certified_teacher'];
export const PAGE_SIZE = 20;
export const CE_PAGE_SIZE = 50;

export const adminCredentialsKey = ['admin', 'credentials'] as const;
export const cohortCeCreditsKey = (cohortId: string) => ['admin', 'ce-credits', cohortId] as const;

export interface CredentialFilter {
  status: CredentialStatus | null;
  designation: Designation | null;
  q: string;
}

/** GET /credentials: a page of the issued credentials, newest first. */
export function useAdminCredentials(filter: CredentialFilter, offset: number) {
  return useQuery({
    queryKey: [...adminCredentialsKey, filter, offset],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/credentials', {
          params: {
            query: {
              status: filter.status ?? undefined,
              designation: filter.designation ?? undefined,
              q: filter.q || undefined,
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export type StatusChange =
  | { id: string; to: 'suspended' | 'revoked'; reason: string }
  | { id: string; to: 'active'; reason?: string };

/** Suspends, reinstates or revokes a credential; the answer is its verification. */
export function useChangeCredentialStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (change: StatusChange) => {
      const params = { path: { id: change.id } };
      switch (change.to) {
        case 'suspended':
          return unwrap(
            await api.POST('/api/v1/credentials/{id}/suspend', {
              params,
              body: { reason: change.reason },
            }),
          );
        case 'revoked':
          return unwrap(
            await api.POST('/api/v1/credentials/{id}/revoke', {
              params,
              body: { reason: change.reason },
            }),
          );
        case 'active':
          return unwrap(
            await api.POST('/api/v1/credentials/{id}/reinstate', {
              params,
              body: change.reason ? { reason: change.reason } : {},
            }),
          );
      }
    },
    onSuccess: () => client.invalidateQueries({ queryKey: adminCredentialsKey }),
  });
}

/** The CE-eligible cohorts, newest start first. */
export function useCeCohorts() {
  return useQuery({
    queryKey: ['admin', 'ce-credits', 'cohorts'],
    queryFn: async () => {
      const page = unwrap(await api.GET('/api/v1/cohorts', { params: { query: { limit: 200 } } }));
      return page.items
        .filter((cohort) => cohort.ceEligible)
        .sort((a, b) => b.startDate.localeCompare(a.startDate));
    },
  });
}

/** GET /ce-credits?cohortId: the cohort's credits; polls for a while after a re-issue. */
export function useCohortCeCredits(cohortId: string | null, offset: number, polling: boolean) {
  return useQuery({
    queryKey: [...cohortCeCreditsKey(cohortId ?? ''), offset],
    enabled: cohortId !== null,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/ce-credits', {
          params: { query: { cohortId: cohortId!, limit: CE_PAGE_SIZE, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: polling ? 1500 : false,
  });
}

/** POST /ce-credits/issuance: runs the cohort's CE issuance again (202, done by the worker). */
export function useReissueCeCredits() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (cohortId: string) =>
      unwrap(await api.POST('/api/v1/ce-credits/issuance', { body: { cohortId } })),
    onSuccess: (_answer, cohortId) =>
      client.invalidateQueries({ queryKey: cohortCeCreditsKey(cohortId) }),
  });
}

/** Fetches the roster with the session's token and hands it to the browser as a download. */
export async function downloadCeRoster(cohortId: string): Promise<void> {
  const result = await api.GET('/api/v1/cohorts/{id}/ce-roster.csv', {
    params: { path: { id: cohortId } },
    parseAs: 'blob',
  });
  if (!result.response.ok || !result.data) {
    throw new ApiProblem(
      (result.error as ApiProblem['problem'] | undefined) ?? { status: result.response.status },
    );
  }
  const disposition = result.response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `ce-roster-${cohortId}.csv`;
  const url = URL.createObjectURL(result.data);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has its own copy once it started; give it a moment before letting go.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
