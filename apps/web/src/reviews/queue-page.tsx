import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { useReviewQueue, type ReviewAssignment } from './api';

function Assignment({ item, done }: { item: ReviewAssignment; done: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const headingId = `recording-${item.recordingId}`;
  return (
    <Card
      withBorder
      component="li"
      padding="md"
      aria-labelledby={headingId}
      bd={item.overdue ? '2px solid var(--mantine-color-red-9)' : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={headingId}>
            {item.traineeName}
          </Title>
          {item.overdue ? (
            <Badge color={statusColor.problem} variant="filled">
              {t('reviews.queue.overdue')}
            </Badge>
          ) : null}
          {done && item.outcome ? (
            <Badge color={item.outcome === 'competent' ? statusColor.done : statusColor.waiting}>
              {t(`reviews.outcome.${item.outcome}`)}
            </Badge>
          ) : null}
        </Group>
        <Text>
          {t('reviews.queue.recording', {
            course: item.courseTitle,
            cohort: item.cohortTitle,
            session: item.sessionNumber,
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('reviews.queue.assigned', { when: dateTime(item.assignedAt) })}
        </Text>
        {done && item.reviewedAt ? (
          <Text size="sm" c="dimmed">
            {t('reviews.queue.reviewed', { when: dateTime(item.reviewedAt) })}
          </Text>
        ) : (
          <Text
            size="sm"
            fw={item.overdue ? 700 : undefined}
            c={item.overdue ? 'red.9' : undefined}
          >
            {t('reviews.queue.due', { when: dateTime(item.dueAt) })}
          </Text>
        )}
        <Group>
          <AnchorLink
            to="/reviews/$recordingId"
            params={{ recordingId: item.recordingId }}
            fw={600}
          >
            {done ? t('reviews.queue.open') : t('reviews.queue.review')}
          </AnchorLink>
        </Group>
      </Stack>
    </Card>
  );
}

function QueueSection({ status }: { status: 'pending' | 'done' }) {
  const { t } = useTranslation();
  const queue = useReviewQueue(status);
  const headingId = `queue-${status}`;
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        {status === 'pending' ? t('reviews.queue.pending') : t('reviews.queue.done')}
      </Title>
      {queue.isPending ? <PageLoader /> : null}
      {queue.isError ? <ProblemAlert error={queue.error} /> : null}
      {queue.data && queue.data.items.length === 0 ? (
        <Text>
          {status === 'pending' ? t('reviews.queue.empty') : t('reviews.queue.emptyDone')}
        </Text>
      ) : null}
      {queue.data && queue.data.items.length > 0 ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {queue.data.items.map((item) => (
            <Assignment key={item.recordingId} item={item} done={status === 'done'} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function ReviewQueuePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('reviews.queue.title')} intro={t('reviews.queue.intro')}>
      <QueueSection status="pending" />
      <QueueSection status="done" />
    </Page>
  );
}
