import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';

export type Notification = ResponseBody<'/api/v1/me/notifications', 'get'>['items'][number];

const PAGE = 25;

export const notificationsKeys = {
  all: ['me', 'notifications'] as const,
  inbox: ['me', 'notifications', 'inbox'] as const,
  unread: ['me', 'notifications', 'unread'] as const,
};

/** The inbox, newest first, a page at a time. */
export function useInbox() {
  return useInfiniteQuery({
    queryKey: notificationsKeys.inbox,
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/me/notifications', {
          params: { query: { limit: PAGE, offset: pageParam } },
        }),
      ),
    getNextPageParam: (last, pages) => {
      const seen = pages.reduce((n, page) => n + page.items.length, 0);
      return seen < last.total ? seen : undefined;
    },
  });
}

/** How many notifications are unread (one row fetched: the answer counts them all). */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationsKeys.unread,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/me/notifications', {
          params: { query: { limit: 1, unread: true } },
        }),
      ).unread,
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/notifications/read-all')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all }),
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all }),
  });
}
