import '@mantine/dates/styles.css';
import {
  Badge,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Progress as Bar,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { applyProblem, ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import {
  sessionKinds,
  useLogSession,
  useMentorPracticums,
  usePracticumSessions,
  useTraineeProgress,
  type MenteePracticum,
  type SessionKind,
} from './api';
import { instantOf, wallClockIn } from './held-at';

const SHOWN_SESSIONS = 5;

function ProgressFigure({ practicum }: { practicum: MenteePracticum }) {
  const { t } = useTranslation();
  const progress = useTraineeProgress(practicum.traineeId);
  if (progress.isPending) return <PageLoader />;
  if (progress.isError) return <ProblemAlert error={progress.error} />;
  const percent = progress.data.percentComplete;
  return (
    <Stack gap={4}>
      <Bar.Root
        size="lg"
        role="progressbar"
        aria-label={t('mentees.progress', { name: practicum.traineeName })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <Bar.Section value={percent} withAria={false} color={statusColor.active} />
      </Bar.Root>
      <Text size="sm">{t('mentees.percent', { percent })}</Text>
    </Stack>
  );
}

function Ledger({ practicum }: { practicum: MenteePracticum }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const sessions = usePracticumSessions(practicum.id);
  const headingId = `ledger-${practicum.id}`;
  const items = [...(sessions.data?.items ?? [])].sort((a, b) => b.heldAt.localeCompare(a.heldAt));
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} id={headingId}>
        {t('mentees.ledger.heading', { name: practicum.traineeName })}
      </Title>
      <Text size="sm">
        {t('mentees.ledger.consultation', {
          count: practicum.consultationCount,
          minutes: practicum.consultationMinutes,
        })}
      </Text>
      <Text size="sm">
        {t('mentees.ledger.mentoring', {
          count: practicum.mentoringCount,
          minutes: practicum.mentoringMinutes,
        })}
      </Text>
      {sessions.isError ? <ProblemAlert error={sessions.error} /> : null}
      {sessions.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mentees.ledger.empty')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <List size="sm" spacing={2}>
          {items.slice(0, SHOWN_SESSIONS).map((session) => (
            <List.Item key={session.id}>
              {t('mentees.ledger.entry', {
                kind: t(`mentees.kinds.${session.kind}`),
                minutes: session.minutes,
                when: dateTime(session.heldAt),
              })}
            </List.Item>
          ))}
        </List>
      ) : null}
      {items.length > SHOWN_SESSIONS ? (
        <Text size="sm" c="dimmed">
          {t('mentees.ledger.more', { count: items.length - SHOWN_SESSIONS })}
        </Text>
      ) : null}
    </Stack>
  );
}

type Values = { kind: SessionKind; heldAt: string | null; minutes: number | string };

function LogSessionForm({ practicum }: { practicum: MenteePracticum }) {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useLogSession(practicum.id, practicum.traineeId);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: {
      kind: 'mentoring',
      heldAt: wallClockIn(format.zone, new Date()).slice(0, 16),
      minutes: 60,
    },
  });
  const headingId = `log-${practicum.id}`;
  const submit = form.onSubmit((values) => {
    setMessage(null);
    setSaved(null);
    const heldAt = values.heldAt ? instantOf(values.heldAt, format.zone) : null;
    if (!heldAt) {
      form.setFieldError('heldAt', t('mentees.form.heldAtRequired'));
      return;
    }
    log.mutate(
      { kind: values.kind, heldAt, minutes: Number(values.minutes) },
      {
        onSuccess: (entry) =>
          setSaved(
            t('mentees.form.saved', {
              kind: t(`mentees.kinds.${entry.kind}`),
              minutes: entry.minutes,
              when: format.dateTime(entry.heldAt),
            }),
          ),
        onError: (error) =>
          setMessage(
            applyProblem(form, error) ??
              (error instanceof ApiProblem ? null : t('common.somethingWrong')),
          ),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit} aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={4} id={headingId}>
          {t('mentees.form.heading', { name: practicum.traineeName })}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t('mentees.form.kind')}
            data={sessionKinds.map((kind) => ({ value: kind, label: t(`mentees.kinds.${kind}`) }))}
            required
            key={form.key('kind')}
            {...form.getInputProps('kind')}
          />
          <DateInput
            label={t('mentees.form.heldAt')}
            description={t('mentees.form.heldAtHint', { zone: format.zone })}
            valueFormat="YYYY-MM-DD HH:mm"
            placeholder="YYYY-MM-DD HH:mm"
            withTime
            required
            key={form.key('heldAt')}
            {...form.getInputProps('heldAt')}
          />
          <NumberInput
            label={t('mentees.form.minutes')}
            description={t('mentees.form.minutesHint')}
            min={15}
            max={480}
            clampBehavior="none"
            allowDecimal={false}
            required
            key={form.key('minutes')}
            {...form.getInputProps('minutes')}
          />
        </SimpleGrid>
        <ProblemAlert message={message} />
        {saved ? (
          <Text role="status" fw={600}>
            {saved}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={log.isPending}>
            {t('mentees.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Mentee({ practicum }: { practicum: MenteePracticum }) {
  const { t } = useTranslation();
  const headingId = `mentee-${practicum.id}`;
  return (
    <Card withBorder component="li" padding="lg" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h3" id={headingId}>
            {practicum.traineeName}
          </Title>
          {practicum.status === 'closed' ? (
            <Badge color={statusColor.waiting} variant="filled">
              {t('mentees.closed')}
            </Badge>
          ) : null}
        </Group>
        <ProgressFigure practicum={practicum} />
        <Group gap="md" wrap="wrap">
          <AnchorLink to="/mentees/$traineeId" params={{ traineeId: practicum.traineeId }}>
            {t('mentees.progressLink', { name: practicum.traineeName })}
          </AnchorLink>
        </Group>
        <Text size="sm" c="dimmed">
          {t('mentees.recordings', {
            count: practicum.recordingCount,
            competent: practicum.competentRecordingCount,
            awaiting: practicum.awaitingReviewCount,
          })}
        </Text>
        <Ledger practicum={practicum} />
        {practicum.status === 'active' ? <LogSessionForm practicum={practicum} /> : null}
      </Stack>
    </Card>
  );
}

export function MenteesPage() {
  const { t } = useTranslation();
  const practicums = useMentorPracticums();
  return (
    <Page title={t('mentees.title')} intro={t('mentees.intro')}>
      {practicums.isPending ? <PageLoader /> : null}
      {practicums.isError ? <ProblemAlert error={practicums.error} /> : null}
      {practicums.data && practicums.data.items.length === 0 ? (
        <Text>{t('mentees.empty')}</Text>
      ) : null}
      {practicums.data && practicums.data.items.length > 0 ? (
        <Stack component="ul" gap="lg" p={0} m={0} style={{ listStyle: 'none' }}>
          {practicums.data.items.map((practicum) => (
            <Mentee key={practicum.id} practicum={practicum} />
          ))}
        </Stack>
      ) : null}
    </Page>
  );
}
