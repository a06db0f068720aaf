import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page, PageLoader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { useFormat } from '../../ui/format';
import { statusColor } from '../../ui/theme';
import {
  type FailedJob,
  type QueueCounts,
  useJobsOverview,
  useReconcileNow,
  useRetry,
} from './use-jobs';

function useQueueName() {
  const { t, i18n } = useTranslation();
  return (queue: string) =>
    i18n.exists(`adminJobs.queues.${queue}`) ? t(`adminJobs.queues.${queue}` as never) : queue;
}

function Queues({ queues }: { queues: QueueCounts[] }) {
  const { t } = useTranslation();
  const queueName = useQueueName();
  return (
    <Card withBorder component="section" aria-labelledby="queues-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="queues-heading">
          {t('adminJobs.queuesTitle')}
        </Title>
        {/* Scrolls by itself at 360 px; focusable so that the keyboard can scroll it too. */}
        <div
          tabIndex={0}
          role="group"
          aria-label={t('adminJobs.queuesTable')}
          style={{ overflowX: 'auto' }}
        >
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminJobs.queue')}</Table.Th>
                <Table.Th scope="col">{t('adminJobs.failed')}</Table.Th>
                <Table.Th scope="col">{t('adminJobs.waiting')}</Table.Th>
                <Table.Th scope="col">{t('adminJobs.active')}</Table.Th>
                <Table.Th scope="col">{t('adminJobs.delayed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queues.map((q) => (
                <Table.Tr key={q.queue}>
                  <Table.Th scope="row">{queueName(q.queue)}</Table.Th>
                  <Table.Td>
                    {q.failed > 0 ? (
                      <Badge color={statusColor.problem} variant="filled">
                        {q.failed}
                      </Badge>
                    ) : (
                      q.failed
                    )}
                  </Table.Td>
                  <Table.Td>{q.waiting}</Table.Td>
                  <Table.Td>{q.active}</Table.Td>
                  <Table.Td>{q.delayed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Card>
  );
}

function FailedJobCard({ job }: { job: FailedJob }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const queueName = useQueueName();
  const retry = useRetry();
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={4}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {t('adminJobs.failedJob', { name: job.name, queue: queueName(job.queue) })}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('adminJobs.jobId', { id: job.id })}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('adminJobs.reason', { reason: job.failedReason })}
        </Text>
        <Text size="sm">
          {t('adminJobs.attempts', {
            count: job.attemptsMade,
            at: dateTime(job.failedAt ?? job.createdAt),
          })}
        </Text>
        {retry.isError ? <ProblemAlert error={retry.error} /> : null}
        {retry.isSuccess ? (
          <Text size="sm" role="status" fw={600}>
            {t('adminJobs.retried')}
          </Text>
        ) : (
          <Group>
            <Button
              size="xs"
              variant="outline"
              loading={retry.isPending}
              aria-label={t('adminJobs.retryOf', { name: job.name, id: job.id })}
              onClick={() => retry.mutate({ queue: job.queue, id: job.id })}
            >
              {t('adminJobs.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function FailedJobs({ items, total }: { items: FailedJob[]; total: number }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="failed-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="failed-heading">
          {t('adminJobs.failedTitle')}
        </Title>
        {items.length === 0 ? (
          <Text>{t('adminJobs.noFailed')}</Text>
        ) : (
          <>
            <Text size="sm">{t('adminJobs.failedCount', { count: total })}</Text>
            <Stack
              component="ul"
              gap="xs"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-labelledby="failed-heading"
            >
              {items.map((job) => (
                <FailedJobCard key={`${job.queue}:${job.id}`} job={job} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}

function Reconcile() {
  const { t } = useTranslation();
  const reconcile = useReconcileNow();
  return (
    <Card withBorder component="section" aria-labelledby="reconcile-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="reconcile-heading">
          {t('adminJobs.reconcileTitle')}
        </Title>
        <Text size="sm">{t('adminJobs.reconcileHint')}</Text>
        {reconcile.isError ? <ProblemAlert error={reconcile.error} /> : null}
        {reconcile.isSuccess ? (
          <Text role="status" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {t('adminJobs.reconcileQueued', { jobId: reconcile.data.jobId })}
          </Text>
        ) : null}
        <Group>
          <Button loading={reconcile.isPending} onClick={() => reconcile.mutate()}>
            {t('adminJobs.reconcile')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function AdminJobsPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const jobs = useJobsOverview();
  return (
    <Page title={t('adminJobs.title')} intro={t('adminJobs.intro')}>
      {jobs.isPending ? <PageLoader /> : null}
      {jobs.isError ? <ProblemAlert error={jobs.error} /> : null}
      {jobs.data ? (
        <>
          <Group gap="sm" wrap="wrap">
            <Text size="sm">
              {t('adminJobs.updated', { at: dateTime(new Date(jobs.dataUpdatedAt).toISOString()) })}
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={jobs.isFetching}
              onClick={() => void jobs.refetch()}
            >
              {t('adminJobs.refresh')}
            </Button>
          </Group>
          <Queues queues={jobs.data.queues} />
          <FailedJobs items={jobs.data.items} total={jobs.data.total} />
        </>
      ) : null}
      <Reconcile />
    </Page>
  );
}
