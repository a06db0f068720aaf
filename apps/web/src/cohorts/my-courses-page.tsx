import { Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { useMyEnrollments, useWithdraw, type MyEnrollment } from './api';

const badgeColor = {
  enrolled: statusColor.active,
  waitlisted: statusColor.waiting,
  withdrawn: statusColor.waiting,
  completed: statusColor.done,
  cancelled: statusColor.problem,
} as const;

/** Not begun yet and still held: the person may still change their mind. */
function isUpcoming(enrollment: MyEnrollment, now: number): boolean {
  const first = enrollment.cohort.firstSessionAt;
  return (
    enrollment.status !== 'withdrawn' &&
    enrollment.cohort.status !== 'completed' &&
    enrollment.cohort.status !== 'cancelled' &&
    (!first || new Date(first).getTime() > now)
  );
}

function EnrollmentCard({ enrollment, now }: { enrollment: MyEnrollment; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const withdraw = useWithdraw(enrollment.cohortId);
  const [asking, { open, close }] = useDisclosure(false);
  const [done, setDone] = useState(false);
  const headingId = `enrollment-${enrollment.id}`;
  // A cancelled cohort says so on the enrollments it still held; a withdrawal stays a withdrawal.
  const status = enrollment.completedAt
    ? 'completed'
    : enrollment.cohort.status === 'cancelled' && enrollment.status !== 'withdrawn'
      ? 'cancelled'
      : enrollment.status;
  const { cohort, course } = enrollment;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              {course.title}
            </Title>
            <Text c="dimmed">
              {cohort.title} ({course.code})
            </Text>
          </Stack>
          <Badge color={badgeColor[status]} variant="filled" size="lg">
            {t('cohorts.myCourses.status')}: {t(`cohorts.status.${status}`)}
            {status === 'waitlisted' && enrollment.waitlistPosition
              ? ` (${enrollment.waitlistPosition})`
              : ''}
          </Badge>
        </Group>
        <Stack component="dl" gap={4} m={0}>
          {cohort.firstSessionAt ? (
            <Group gap="xs" wrap="wrap">
              <Text component="dt" fw={600}>
                {t('cohorts.myCourses.firstSession')}:
              </Text>
              <Text component="dd" m={0}>
                {format.dateTime(cohort.firstSessionAt)}
              </Text>
            </Group>
          ) : null}
          {cohort.lastSessionEndsAt ? (
            <Group gap="xs" wrap="wrap">
              <Text component="dt" fw={600}>
                {t('cohorts.myCourses.lastSession')}:
              </Text>
              <Text component="dd" m={0}>
                {format.dateTime(cohort.lastSessionEndsAt)}
              </Text>
            </Group>
          ) : null}
          <Group gap="xs" wrap="wrap">
            <Text component="dt" fw={600}>
              {t('cohorts.myCourses.attendance')}:
            </Text>
            <Text component="dd" m={0}>
              {t('cohorts.myCourses.attended', {
                have: enrollment.attendedSessions,
                need: course.completionMinSessions,
              })}
            </Text>
          </Group>
          <Group gap="xs" wrap="wrap">
            <Text component="dt" fw={600}>
              {t('cohorts.myCourses.completion')}:
            </Text>
            <Text component="dd" m={0}>
              {enrollment.completedAt
                ? t('cohorts.myCourses.completedOn', { date: format.date(enrollment.completedAt) })
                : t('cohorts.myCourses.notCompleted')}
            </Text>
          </Group>
        </Stack>
        {status === 'cancelled' ? <Text>{t('cohorts.myCourses.cancelled')}</Text> : null}
        {withdraw.isError ? <ProblemAlert error={withdraw.error} /> : null}
        {done && enrollment.status === 'withdrawn' ? (
          <Text role="status">{t('cohorts.myCourses.withdrawn', { title: course.title })}</Text>
        ) : null}
        {isUpcoming(enrollment, now) ? (
          <Group>
            <Button variant="outline" color="red.9" onClick={open}>
              {t('cohorts.myCourses.withdraw')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <Modal
        opened={asking}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('cohorts.myCourses.closeDialog') }}
        title={t('cohorts.myCourses.withdrawTitle', { title: course.title })}
      >
        <Stack gap="md">
          <Text>{t('cohorts.myCourses.withdrawBody')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('cohorts.myCourses.keep')}
            </Button>
            <Button
              color="red.9"
              loading={withdraw.isPending}
              onClick={() =>
                withdraw.mutate(undefined, {
                  onSuccess: () => setDone(true),
                  onSettled: close,
                })
              }
            >
              {t('cohorts.myCourses.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

export function MyCoursesPage() {
  const { t } = useTranslation();
  const enrollments = useMyEnrollments();
  const [now] = useState(() => Date.now());
  return (
    <Page title={t('cohorts.myCourses.title')} intro={t('cohorts.myCourses.intro')}>
      {enrollments.isPending ? <PageLoader /> : null}
      {enrollments.isError ? <ProblemAlert error={enrollments.error} /> : null}
      {enrollments.data?.length === 0 ? (
        <Card withBorder padding="lg">
          <Stack gap="xs">
            <Text fw={600}>{t('cohorts.myCourses.empty')}</Text>
            <Text>{t('cohorts.myCourses.emptyHint')}</Text>
            <AnchorLink to="/cohorts">{t('cohorts.myCourses.goCohorts')}</AnchorLink>
          </Stack>
        </Card>
      ) : null}
      {enrollments.data?.map((enrollment) => (
        <EnrollmentCard key={enrollment.id} enrollment={enrollment} now={now} />
      ))}
    </Page>
  );
}
