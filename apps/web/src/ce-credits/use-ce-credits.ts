import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';

export type CeCredit = ResponseBody<'/api/v1/me/ce-credits', 'get'>['items'][number];

export const ceCreditsKey = ['me', 'ce-credits'] as const;

/** The person's CE credits with their signed certificate links. */
export function useMyCeCredits() {
  return useQuery({
    queryKey: ceCreditsKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/ce-credits', { params: { query: { limit: 200 } } })),
  });
}
