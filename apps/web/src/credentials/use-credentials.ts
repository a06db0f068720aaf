import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';

export type Credential = ResponseBody<'/api/v1/me/credentials', 'get'>['items'][number];

export const credentialsKey = ['me', 'credentials'] as const;

/** The person's credentials with their signed PDF links (which expire: refetched when stale). */
export function useMyCredentials() {
  return useQuery({
    queryKey: credentialsKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/credentials')),
  });
}
