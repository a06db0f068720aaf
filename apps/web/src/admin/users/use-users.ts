import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { RequestBody, ResponseBody } from '../../api/types';

export type UserList = ResponseBody<'/api/v1/users', 'get'>;
export type AdminUser = UserList['items'][number];
export type Role = AdminUser['roles'][number];
export type NewUser = RequestBody<'/api/v1/users', 'post'>;

export const ROLES: Role[] = ['trainee', 'mentor', 'admin'];
export const PAGE_SIZE = 20;
export const usersKey = ['admin', 'users'] as const;

/** GET /users: a page of people matching `q` (a part of the name or e-mail). */
export function useUsers(q: string, offset: number) {
  return useQuery({
    queryKey: [...usersKey, q, offset],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: { query: { q: q || undefined, limit: PAGE_SIZE, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewUser) => unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useSaveRoles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, roles }: { id: string; roles: Role[] }) =>
      unwrap(
        await api.PUT('/api/v1/users/{id}/roles', {
          params: { path: { id } },
          body: { roles },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Deactivates (or reactivates) a person. */
export function useSetActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: string; active: boolean }) =>
      active
        ? unwrap(await api.POST('/api/v1/users/{id}/reactivate', { params: { path: { id } } }))
        : unwrap(await api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}
