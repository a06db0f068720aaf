import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Refusal } from '../applications/unmet-list';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import {
  useCalendarFeed,
  useEnroll,
  useMyEnrollments,
  useOpenCohorts,
  webcalOf,
  type Cohort,
  type MyEnrollment,
} from './api';

function CalendarLink({ feedUrl }: { feedUrl: string | undefined }) {
  const { t } = useTranslation();
  if (!feedUrl) return null;
  return (
    <Anchor href={webcalOf(feedUrl)} fw={600}>
      {t('cohorts.addToCalendar')}
    </Anchor>
  );
}

function EnrollmentBadge({ enrollment }: { enrollment: MyEnrollment }) {
  const { t } = useTranslation();
  if (enrollment.status === 'enrolled')
    return (
      <Badge color={statusColor.done} variant="filled" size="lg">
        {t('cohorts.enrolled')}
      </Badge>
    );
  return (
    <Badge color={statusColor.waiting} variant="filled" size="lg">
      {t('cohorts.waitlisted', { position: enrollment.waitlistPosition ?? '?' })}
    </Badge>
  );
}

function CohortCard({
  cohort,
  enrollment,
  feedUrl,
}: {
  cohort: Cohort;
  enrollment: MyEnrollment | undefined;
  feedUrl: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const enroll = useEnroll(cohort.id);
  const headingId = `cohort-${cohort.id}`;
  const sessions = [...cohort.sessions].sort((a, b) => a.number - b.number);
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  const active = enrollment && enrollment.status !== 'withdrawn' ? enrollment : undefined;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              {cohort.title}
            </Title>
            <Text>
              {t('cohorts.course')}: {cohort.course.title} ({cohort.course.code})
            </Text>
          </Stack>
          {active ? <EnrollmentBadge enrollment={active} /> : null}
        </Group>
        {first && last ? (
          <Text>
            {t('cohorts.dates')}:{' '}
            {t('cohorts.dateRange', {
              from: format.date(first.startsAt),
              to: format.date(last.startsAt),
            })}
          </Text>
        ) : null}
        <Stack gap={4}>
          <Text fw={600} id={`${headingId}-sessions`}>
            {t('cohorts.sessions', { count: sessions.length })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('cohorts.sessionMinutes', { minutes: cohort.course.sessionMinutes })}
          </Text>
          <List size="sm" spacing={2} aria-labelledby={`${headingId}-sessions`}>
            {sessions.map((session) => (
              <List.Item key={session.id}>
                {t('cohorts.sessionLine', {
                  number: session.number,
                  start: format.dateTime(session.startsAt),
                })}
              </List.Item>
            ))}
          </List>
        </Stack>
        <Group gap="xs">
          <Text size="sm">
            {cohort.seatsLeft > 0
              ? t('cohorts.seatsLeft', { count: cohort.seatsLeft })
              : t('cohorts.full')}
          </Text>
          {cohort.ceEligible ? (
            <Badge color={statusColor.active} variant="outline">
              {t('cohorts.ceEligible')}
            </Badge>
          ) : null}
        </Group>
        {enroll.isError ? <Refusal error={enroll.error} /> : null}
        {enroll.data && active ? (
          <Text role="status" fw={600}>
            {active.status === 'waitlisted'
              ? t('cohorts.waitlistedNotice', { position: active.waitlistPosition ?? '?' })
              : t('cohorts.enrolledNotice', { title: cohort.title })}
          </Text>
        ) : null}
        <Group gap="md" wrap="wrap">
          {active ? (
            <AnchorLink to="/my-courses">{t('cohorts.seeMyCourses')}</AnchorLink>
          ) : (
            <Button loading={enroll.isPending} onClick={() => enroll.mutate()}>
              {t('cohorts.enroll')}
            </Button>
          )}
          <CalendarLink feedUrl={feedUrl} />
        </Group>
      </Stack>
    </Card>
  );
}

export function CohortsPage() {
  const { t } = useTranslation();
  const { zone } = useFormat();
  const cohorts = useOpenCohorts();
  const enrollments = useMyEnrollments();
  const feed = useCalendarFeed();
  const byCohort = new Map((enrollments.data ?? []).map((e) => [e.cohortId, e]));
  return (
    <Page title={t('cohorts.title')} intro={t('cohorts.intro', { zone })}>
      {cohorts.isPending || enrollments.isPending ? <PageLoader /> : null}
      {cohorts.isError ? <ProblemAlert error={cohorts.error} /> : null}
      {enrollments.isError ? <ProblemAlert error={enrollments.error} /> : null}
      {feed.data ? (
        <Stack gap={4}>
          <Text size="sm">{t('cohorts.calendarHint')}</Text>
          <Text size="sm">
            {t('cohorts.calendarAddress')}:{' '}
            <Anchor href={feed.data.url} size="sm" style={{ wordBreak: 'break-all' }}>
              {feed.data.url}
            </Anchor>
          </Text>
        </Stack>
      ) : null}
      {cohorts.data && enrollments.data ? (
        cohorts.data.length === 0 ? (
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Text fw={600}>{t('cohorts.empty')}</Text>
              <Text>{t('cohorts.emptyHint')}</Text>
              <AnchorLink to="/practice">{t('cohorts.goPractice')}</AnchorLink>
            </Stack>
          </Card>
        ) : (
          cohorts.data.map((cohort) => (
            <CohortCard
              key={cohort.id}
              cohort={cohort}
              enrollment={byCohort.get(cohort.id)}
              feedUrl={feed.data?.url}
            />
          ))
        )
      ) : null}
    </Page>
  );
}
