import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseBody } from '../../api/types';

export type AdminAttestation = ResponseBody<'/api/v1/attestations', 'get'>['items'][number];
export type AdminApplication = ResponseBody<'/api/v1/applications', 'get'>['items'][number];
export type AdminCertification = ResponseBody<'/api/v1/certifications', 'get'>['items'][number];
export type TraineeProgress = ResponseBody<'/api/v1/trainees/{id}/progress', 'get'>;

export type DecisionKind = 'attestation' | 'application' | 'certification';
export const DECISION_KINDS: DecisionKind[] = ['attestation', 'application', 'certification'];

/** One thing an admin decides, whatever its kind. */
export type QueueItem =
  | { kind: 'attestation'; item: AdminAttestation }
  | { kind: 'application'; item: AdminApplication }
  | { kind: 'certification'; item: AdminCertification };

export interface Waiting<T> {
  /** The oldest waiting ones (up to QUEUE_SIZE), oldest first. */
  items: T[];
  /** How many wait in all. */
  total: number;
}

/** The largest page the lists give; more waiting than this shows the oldest ones. */
export const QUEUE_SIZE = 200;
/** How many of each kind's newest submissions the Decided section looks at. */
export const DECIDED_WINDOW = 100;
/** How many decisions the Decided section shows. */
export const DECIDED_SHOWN = 30;

export const decisionsKey = ['admin', 'decisions'] as const;
const waitingKey = [...decisionsKey, 'waiting'] as const;
const decidedKey = [...decisionsKey, 'decided'] as const;

type Page<T> = { items: T[]; total: number };
type GetPage<T> = (limit: number, offset: number) => Promise<Page<T>>;

const oldestFirst = <T extends { createdAt: string }>(items: T[]) =>
  [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/**
 * The oldest `limit` of a list, whichever way the server orders it: attestations and applications
 * come newest first, so their oldest are on the last page.
 */
async function oldest<T extends { createdAt: string }>(
  get: GetPage<T>,
  serverOrder: 'newest' | 'oldest',
  limit: number,
): Promise<Page<T>> {
  const first = await get(limit, 0);
  if (serverOrder === 'oldest' || first.total <= limit) {
    return { items: oldestFirst(first.items), total: first.total };
  }
  const last = await get(limit, first.total - limit);
  return { items: oldestFirst(last.items), total: last.total };
}

/** The newest `limit` of a list, whichever way the server orders it. */
async function newest<T>(
  get: GetPage<T>,
  serverOrder: 'newest' | 'oldest',
  limit: number,
): Promise<T[]> {
  if (serverOrder === 'newest') return (await get(limit, 0)).items;
  const { total } = await get(1, 0);
  if (total === 0) return [];
  return (await get(limit, Math.max(0, total - limit))).items;
}

const attestations =
  (status?: 'pending'): GetPage<AdminAttestation> =>
  async (limit, offset) =>
    unwrap(await api.GET('/api/v1/attestations', { params: { query: { status, limit, offset } } }));

const applications =
  (status?: 'submitted'): GetPage<AdminApplication> =>
  async (limit, offset) =>
    unwrap(await api.GET('/api/v1/applications', { params: { query: { status, limit, offset } } }));

const certifications =
  (status?: 'pending_review'): GetPage<AdminCertification> =>
  async (limit, offset) =>
    unwrap(
      await api.GET('/api/v1/certifications', { params: { query: { status, limit, offset } } }),
    );

export function useWaitingAttestations() {
  return useQuery({
    queryKey: [...waitingKey, 'attestation'],
    queryFn: () => oldest(attestations('pending'), 'newest', QUEUE_SIZE),
  });
}

export function useWaitingApplications() {
  return useQuery({
    queryKey: [...waitingKey, 'application'],
    queryFn: () => oldest(applications('submitted'), 'newest', QUEUE_SIZE),
  });
}

export function useWaitingCertifications() {
  return useQuery({
    queryKey: [...waitingKey, 'certification'],
    queryFn: () => oldest(certifications('pending_review'), 'oldest', QUEUE_SIZE),
  });
}

/** One decision as the Decided section shows it. */
export interface Decided {
  kind: DecisionKind;
  id: string;
  traineeName: string;
  /** What was decided on: the attestation kind, or the designation; null for an application. */
  subject: string | null;
  outcome: 'verified' | 'approved' | 'rejected' | 'revoked';
  decidedAt: string;
  decidedByName: string | null;
  note: string | null;
}

/**
 * The latest decisions of every kind, newest decision first: taken from each kind's newest
 * DECIDED_WINDOW submissions (the lists are ordered by submission).
 */
export function useDecided() {
  return useQuery({
    queryKey: decidedKey,
    queryFn: async (): Promise<Decided[]> => {
      const [a, p, c] = await Promise.all([
        newest(attestations(), 'newest', DECIDED_WINDOW),
        newest(applications(), 'newest', DECIDED_WINDOW),
        newest(certifications(), 'oldest', DECIDED_WINDOW),
      ]);
      const decided: Decided[] = [
        ...a.flatMap((x): Decided[] =>
          x.status !== 'pending' && x.decidedAt
            ? [
                {
                  kind: 'attestation',
                  id: x.id,
                  traineeName: x.traineeName,
                  subject: x.kind,
                  outcome: x.status,
                  decidedAt: x.decidedAt,
                  decidedByName: x.decidedByName,
                  note: x.decisionNote,
                },
              ]
            : [],
        ),
        ...p.flatMap((x): Decided[] =>
          x.status !== 'submitted' && x.decidedAt
            ? [
                {
                  kind: 'application',
                  id: x.id,
                  traineeName: x.traineeName,
                  subject: null,
                  outcome: x.status,
                  decidedAt: x.decidedAt,
                  decidedByName: x.decidedByName,
                  note: x.decisionNote,
                },
              ]
            : [],
        ),
        ...c.flatMap((x): Decided[] =>
          x.status !== 'pending_review' && x.decidedAt
            ? [
                {
                  kind: 'certification',
                  id: x.id,
                  traineeName: x.traineeName,
                  subject: x.designation,
                  outcome: x.status as Decided['outcome'],
                  decidedAt: x.decidedAt,
                  decidedByName: x.decidedByName,
                  note: x.note,
                },
              ]
            : [],
        ),
      ];
      return decided.sort((x, y) => y.decidedAt.localeCompare(x.decidedAt)).slice(0, DECIDED_SHOWN);
    },
  });
}

/** A trainee's progress along their pathway (GET /trainees/{id}/progress), as an admin reads it. */
export function useTraineeProgress(traineeId: string) {
  return useQuery({
    queryKey: [...decisionsKey, 'progress', traineeId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/trainees/{id}/progress', { params: { path: { id: traineeId } } }),
      ),
  });
}

/** The attestation's evidence file, fetched with the bearer token, as a Blob (only when asked). */
export function useEvidence(attestationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...decisionsKey, 'evidence', attestationId],
    enabled,
    staleTime: Infinity,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/attestations/{id}/evidence', {
          params: { path: { id: attestationId } },
          parseAs: 'blob',
        }),
      ) as Blob,
  });
}

export type Verdict = 'accept' | 'reject';

/** Decides one item with the kind's own endpoint and words; the queue and Decided then refresh. */
export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      target,
      verdict,
      note,
    }: {
      target: QueueItem;
      verdict: Verdict;
      note: string;
    }) => {
      const body = { note: note.trim() || undefined };
      const path = { id: target.item.id };
      switch (target.kind) {
        case 'attestation':
          return unwrap(
            await api.POST('/api/v1/attestations/{id}/decision', {
              params: { path },
              body: { ...body, decision: verdict === 'accept' ? 'verified' : 'rejected' },
            }),
          ).status;
        case 'application':
          return unwrap(
            await api.POST('/api/v1/applications/{id}/decision', {
              params: { path },
              body: { ...body, decision: verdict === 'accept' ? 'approved' : 'rejected' },
            }),
          ).status;
        case 'certification':
          return unwrap(
            await api.POST('/api/v1/certifications/{id}/decision', {
              params: { path },
              body: { ...body, decision: verdict === 'accept' ? 'approved' : 'rejected' },
            }),
          ).status;
      }
    },
    // Not awaited: the refetched queue drops the card, and the caller's onSuccess (which says
    // what was decided) must run before that unmounts it.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: waitingKey });
      void client.invalidateQueries({ queryKey: decidedKey });
    },
  });
}
