import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { useInbox, useMarkAllRead, useMarkRead, type Notification } from './use-notifications';

function Item({ notification }: { notification: Notification }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  const headingId = `notification-${notification.id}`;
  return (
    <Card
      withBorder
      component="li"
      padding="md"
      aria-labelledby={headingId}
      bg={unread ? 'indigo.0' : undefined}
      data-unread={unread || undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Title order={2} size="h4" id={headingId} fw={unread ? 700 : 500}>
            {notification.title}
          </Title>
          {unread ? (
            <Badge color={statusColor.active} variant="filled" size="sm">
              {t('notifications.unread')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {notification.body}
        </Text>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed">
            <time dateTime={notification.createdAt}>{dateTime(notification.createdAt)}</time>
          </Text>
          {unread ? (
            <Button
              variant="subtle"
              size="compact-sm"
              loading={markRead.isPending}
              onClick={() => markRead.mutate(notification.id)}
              aria-label={t('notifications.markReadNamed', { title: notification.title })}
            >
              {t('notifications.markRead')}
            </Button>
          ) : null}
        </Group>
        {markRead.isError ? <ProblemAlert error={markRead.error} /> : null}
      </Stack>
    </Card>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const markAll = useMarkAllRead();
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = inbox.data?.pages[0]?.unread ?? 0;
  return (
    <Page title={t('notifications.title')}>
      {inbox.isPending ? <PageLoader /> : null}
      {inbox.isError ? <ProblemAlert error={inbox.error} /> : null}
      {inbox.data ? (
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text role="status">
            {unread > 0
              ? t('notifications.unreadCount', { count: unread })
              : t('notifications.allRead')}
          </Text>
          <Button
            variant="default"
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            disabled={unread === 0}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
      ) : null}
      {markAll.isError ? <ProblemAlert error={markAll.error} /> : null}
      {inbox.data && items.length === 0 ? (
        <Alert color="gray" variant="outline" title={t('notifications.empty.title')}>
          {t('notifications.empty.body')}
        </Alert>
      ) : null}
      {items.length ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((notification) => (
            <Item key={notification.id} notification={notification} />
          ))}
        </Stack>
      ) : null}
      {inbox.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void inbox.fetchNextPage()}
          loading={inbox.isFetchingNextPage}
          w="fit-content"
        >
          {t('notifications.more')}
        </Button>
      ) : null}
    </Page>
  );
}
