import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { AnchorLink } from '../../ui/app-link';
import { Page, PageLoader } from '../../ui/page';
import { applyProblem, ProblemAlert } from '../../ui/problem';
import { useFormat } from '../../ui/format';
import { isDay, startOfDay } from './day-range';
import {
  type AuditFilter,
  type FailedJob,
  useAuditEvents,
  useJobs,
  useRetryJob,
} from './use-audit';

function RetryButton({ job }: { job: FailedJob }) {
  const { t } = useTranslation();
  const retry = useRetryJob();
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="outline"
        w="fit-content"
        loading={retry.isPending}
        aria-label={t('admin.audit.retryJob', { name: job.name, id: job.id })}
        onClick={() => retry.mutate({ queue: job.queue, id: job.id })}
      >
        {t('admin.audit.retry')}
      </Button>
      {retry.isError ? <ProblemAlert error={retry.error} /> : null}
    </Stack>
  );
}

function JobsPanel() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const jobs = useJobs();
  return (
    <Card withBorder component="section" aria-labelledby="jobs-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="jobs-heading">
          {t('admin.audit.jobsTitle')}
        </Title>
        <AnchorLink to="/admin/jobs">{t('admin.audit.openJobs')}</AnchorLink>
        {jobs.isError ? <ProblemAlert error={jobs.error} /> : null}
        {jobs.isPending ? <PageLoader /> : null}
        {jobs.data ? (
          <>
            <div
              tabIndex={0}
              role="group"
              aria-label={t('admin.audit.queuesTable')}
              style={{ overflowX: 'auto' }}
            >
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.audit.queue')}</Table.Th>
                    <Table.Th scope="col">{t('admin.audit.waiting')}</Table.Th>
                    <Table.Th scope="col">{t('admin.audit.active')}</Table.Th>
                    <Table.Th scope="col">{t('admin.audit.delayed')}</Table.Th>
                    <Table.Th scope="col">{t('admin.audit.failed')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {jobs.data.queues.map((q) => (
                    <Table.Tr key={q.queue}>
                      <Table.Th scope="row">{q.queue}</Table.Th>
                      <Table.Td>{q.waiting}</Table.Td>
                      <Table.Td>{q.active}</Table.Td>
                      <Table.Td>{q.delayed}</Table.Td>
                      <Table.Td>{q.failed}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {jobs.data.items.length === 0 ? (
              <Text size="sm">{t('admin.audit.noFailed')}</Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {jobs.data.items.map((job) => (
                  <Card component="li" withBorder padding="sm" key={`${job.queue}:${job.id}`}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {t('admin.audit.failedJob', { queue: job.queue, name: job.name })}
                    </Text>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {t('admin.audit.failedLine', {
                        reason: job.failedReason,
                        attempts: job.attemptsMade,
                        at: job.failedAt ? dateTime(job.failedAt) : dateTime(job.createdAt),
                      })}
                    </Text>
                    <RetryButton job={job} />
                  </Card>
                ))}
              </Stack>
            )}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { dateTime, zone } = useFormat();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useAuditEvents(filter);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { actorId: '', action: '', subject: '', from: '', to: '' },
    validate: {
      from: (v) => (!v.trim() || isDay(v.trim()) ? null : t('admin.audit.dayFormat')),
      to: (v, values) => {
        if (!v.trim()) return null;
        if (!isDay(v.trim())) return t('admin.audit.dayFormat');
        const from = values.from.trim();
        return isDay(from) && from > v.trim() ? t('admin.audit.toBeforeFrom') : null;
      },
    },
  });
  const error = events.error;
  // A refused filter (say, an actor that is not an id) is said beside its field.
  useEffect(() => {
    if (error instanceof ApiProblem) setMessage(applyProblem(form, error));
  }, [error]);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('admin.audit.title')} intro={t('admin.audit.intro')}>
      <form
        noValidate
        aria-label={t('admin.audit.filters')}
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          form.clearErrors();
          const from = values.from.trim();
          const to = values.to.trim();
          setFilter({
            actorId: values.actorId.trim() || undefined,
            action: values.action.trim() || undefined,
            subject: values.subject.trim() || undefined,
            // Whole days in the person's zone: "To" includes its day.
            from: from ? startOfDay(from, zone) : undefined,
            to: to ? startOfDay(to, zone, 1) : undefined,
          });
        })}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('admin.audit.action')}
            description={t('admin.audit.actionHint')}
            key={form.key('action')}
            {...form.getInputProps('action')}
          />
          <TextInput
            label={t('admin.audit.subject')}
            description={t('admin.audit.subjectHint')}
            key={form.key('subject')}
            {...form.getInputProps('subject')}
          />
          <TextInput
            label={t('admin.audit.actor')}
            description={t('admin.audit.actorHint')}
            key={form.key('actorId')}
            {...form.getInputProps('actorId')}
          />
          <TextInput
            label={t('admin.audit.from')}
            description={t('admin.audit.fromHint', { zone })}
            placeholder="YYYY-MM-DD"
            key={form.key('from')}
            {...form.getInputProps('from')}
          />
          <TextInput
            label={t('admin.audit.to')}
            description={t('admin.audit.toHint')}
            placeholder="YYYY-MM-DD"
            key={form.key('to')}
            {...form.getInputProps('to')}
          />
          <Button type="submit">{t('admin.audit.apply')}</Button>
        </Group>
      </form>
      <ProblemAlert message={message} />
      <section aria-labelledby="events-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="events-heading">
            {t('admin.audit.eventsTitle')}
          </Title>
          {events.isPending ? <PageLoader /> : null}
          {events.data && items.length === 0 ? <Text>{t('admin.audit.empty')}</Text> : null}
          {items.length > 0 ? (
            <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((event) => (
                <Card component="li" withBorder padding="sm" key={event.id}>
                  <Text fw={600}>{event.action}</Text>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {t('admin.audit.eventLine', {
                      at: dateTime(event.at),
                      subject: event.subject,
                      actor: event.actorId ?? t('admin.audit.system'),
                    })}
                  </Text>
                </Card>
              ))}
            </Stack>
          ) : null}
          {events.hasNextPage ? (
            <Button
              variant="default"
              w="fit-content"
              loading={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {t('admin.audit.more')}
            </Button>
          ) : null}
        </Stack>
      </section>
      <JobsPanel />
    </Page>
  );
}
