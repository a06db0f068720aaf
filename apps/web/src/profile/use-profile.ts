import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RequestBody } from '../api/types';
import { session, type SessionUser } from '../identity/session';

export type ProfileChange = RequestBody<'/api/v1/me', 'patch'>;
export type PasswordChange = RequestBody<'/api/v1/me/password', 'put'>;

/** PATCH /me; the session then holds the new name and zone, so every page shows them at once. */
export function useUpdateProfile() {
  return useMutation({
    mutationFn: async (body: ProfileChange) =>
      unwrap(await api.PATCH('/api/v1/me', { body })) as SessionUser,
    onSuccess: (user) => session.updateUser(user),
  });
}

/** PUT /me/password: this session stays signed in, every other one is signed out. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: PasswordChange) => {
      unwrap(await api.PUT('/api/v1/me/password', { body }));
    },
  });
}
