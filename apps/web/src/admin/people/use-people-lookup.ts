import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseBody } from '../../api/types';

export type PersonMatch = ResponseBody<'/api/v1/users/lookup', 'get'>['items'][number];

/**
 * GET /users/lookup: people whose name or e-mail begins with `q`, optionally of one role; the
 * previous matches stay shown while typing when `keepPrevious` is set.
 */
export function usePeopleLookup(
  q: string,
  options: { role?: 'trainee' | 'mentor' | 'admin'; keepPrevious?: boolean } = {},
) {
  const query = q.trim();
  const { role, keepPrevious = false } = options;
  return useQuery({
    queryKey: ['admin', 'people', role ?? null, query],
    enabled: query.length > 0,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users/lookup', { params: { query: { q: query, role } } }))
        .items,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}
