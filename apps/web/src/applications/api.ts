import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';
import { progressKey } from '../pathway/use-progress';

export type Attestation = ResponseBody<'/api/v1/me/attestations', 'get'>['items'][number];
export type AttestationKind = Attestation['kind'];
export type Application = ResponseBody<'/api/v1/me/applications', 'get'>['items'][number];

export const attestationKinds: AttestationKind[] = [
  'daily_practice_2y',
  'silent_retreat_5d',
  'group_teaching',
];

export const myAttestationsKey = ['me', 'attestations'] as const;
export const myApplicationsKey = ['me', 'applications'] as const;

const newestFirst = <T extends { createdAt: string }>(items: T[]) =>
  [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

export function useMyAttestations() {
  return useQuery({
    queryKey: myAttestationsKey,
    queryFn: async () =>
      newestFirst(
        unwrap(await api.GET('/api/v1/me/attestations', { params: { query: { limit: 200 } } }))
          .items,
      ),
  });
}

export interface AttestationInput {
  kind: AttestationKind;
  statement: string;
  evidence: File | null;
}

/** Sends the attestation as multipart, the evidence file as the API reads it. */
export function useSubmitAttestation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, statement, evidence }: AttestationInput) => {
      const form = new FormData();
      form.set('kind', kind);
      form.set('statement', statement);
      if (evidence) form.set('evidence', evidence, evidence.name);
      return unwrap(
        await api.POST('/api/v1/me/attestations', {
          body: form as unknown as { kind: AttestationKind; statement: string; evidence: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: myAttestationsKey }),
        queryClient.invalidateQueries({ queryKey: progressKey }),
      ]),
  });
}

export function useMyApplications() {
  return useQuery({
    queryKey: myApplicationsKey,
    queryFn: async () =>
      newestFirst(
        unwrap(await api.GET('/api/v1/me/applications', { params: { query: { limit: 200 } } }))
          .items,
      ),
  });
}

export function useSubmitApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (statement: string) =>
      unwrap(
        await api.POST('/api/v1/applications', {
          body: { kind: 'teacher_training', statement },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: myApplicationsKey }),
        queryClient.invalidateQueries({ queryKey: progressKey }),
      ]),
  });
}
