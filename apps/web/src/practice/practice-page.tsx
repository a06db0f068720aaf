import '@mantine/dates/styles.css';
import {
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { DateField } from '../ui/date-field';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { applyProblem, ProblemAlert } from '../ui/problem';
import {
  practiceKinds,
  useLogPractice,
  usePracticeLogs,
  type PracticeKind,
  type PracticeLog,
} from './api';
import { addDays, daysEnding, todayIn } from './days';
import classes from './practice.module.css';

type Values = {
  date: string | null;
  minutes: number | string;
  practice: PracticeKind;
  note: string;
};

function LogForm({ today }: { today: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const log = useLogPractice();
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { date: today, minutes: 30, practice: 'sitting', note: '' },
  });
  const submit = form.onSubmit((values) => {
    setMessage(null);
    setSaved(null);
    const body = {
      date: values.date ?? '',
      minutes: Number(values.minutes),
      practice: values.practice,
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    };
    log.mutate(body, {
      onSuccess: (entry) => {
        setSaved(
          t('practice.form.saved', { minutes: entry.minutes, date: format.day(entry.date) }),
        );
        form.setFieldValue('note', '');
      },
      onError: (error) =>
        setMessage(
          applyProblem(form, error) ??
            (error instanceof ApiProblem ? null : t('common.somethingWrong')),
        ),
    });
  });
  return (
    <Card withBorder component="section" aria-labelledby="log-heading" padding="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <Title order={2} size="h3" id="log-heading">
            {t('practice.form.heading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <DateField
              label={t('practice.form.date')}
              description={t('practice.form.dateHint', { zone: format.zone })}
              required
              key={form.key('date')}
              {...form.getInputProps('date')}
            />
            <NumberInput
              label={t('practice.form.minutes')}
              min={1}
              max={1440}
              allowDecimal={false}
              required
              key={form.key('minutes')}
              {...form.getInputProps('minutes')}
            />
            <NativeSelect
              label={t('practice.form.practice')}
              data={practiceKinds.map((kind) => ({
                value: kind,
                label: t(`practice.kinds.${kind}`),
              }))}
              required
              key={form.key('practice')}
              {...form.getInputProps('practice')}
            />
          </SimpleGrid>
          <Textarea
            label={t('practice.form.note')}
            description={t('practice.form.noteHint')}
            autosize
            minRows={2}
            maxLength={2000}
            key={form.key('note')}
            {...form.getInputProps('note')}
          />
          <ProblemAlert message={message} />
          {saved ? (
            <Text role="status" fw={600}>
              {saved}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={log.isPending}>
              {t('practice.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Figure({ label, count }: { label: string; count: number }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Text component="dt" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} fz="xl" fw={700}>
        {t('practice.figures.days', { count })}
      </Text>
    </Card>
  );
}

function Last60Days({ days, logs, today }: { days: string[]; logs: PracticeLog[]; today: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const minutesByDay = useMemo(() => {
    const sums = new Map<string, number>();
    for (const log of logs) sums.set(log.date, (sums.get(log.date) ?? 0) + log.minutes);
    return sums;
  }, [logs]);
  return (
    <Card withBorder component="section" aria-labelledby="days-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="days-heading">
          {t('practice.calendar.heading')}
        </Title>
        <Text size="sm" c="dimmed" id="days-hint">
          {t('practice.calendar.hint')}
        </Text>
        <ol className={classes.days} aria-labelledby="days-heading" aria-describedby="days-hint">
          {days.map((day) => {
            const minutes = minutesByDay.get(day);
            const label = minutes
              ? t('practice.calendar.practised', { date: format.day(day), minutes })
              : t('practice.calendar.notPractised', { date: format.day(day) });
            return (
              <li
                key={day}
                className={classes.day}
                data-practised={minutes ? true : undefined}
                data-today={day === today ? true : undefined}
                title={label}
              >
                <VisuallyHidden>{label}</VisuallyHidden>
              </li>
            );
          })}
        </ol>
      </Stack>
    </Card>
  );
}

function Latest({ logs }: { logs: PracticeLog[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = [...logs]
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, 10);
  return (
    <Card withBorder component="section" aria-labelledby="latest-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="latest-heading">
          {t('practice.latest.heading')}
        </Title>
        {latest.length === 0 ? (
          <Text>{t('practice.latest.empty')}</Text>
        ) : (
          <List spacing={4}>
            {latest.map((log) => (
              <List.Item key={log.id}>
                {t('practice.latest.entry', {
                  date: format.day(log.date),
                  practice: t(`practice.kinds.${log.practice}`),
                  minutes: log.minutes,
                })}
                {log.note ? (
                  <Text size="sm" c="dimmed">
                    {log.note}
                  </Text>
                ) : null}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

export function PracticePage() {
  const { t } = useTranslation();
  const { zone } = useFormat();
  const today = todayIn(zone);
  const days = daysEnding(today, 60);
  const logs = usePracticeLogs(addDays(today, -59), today);
  return (
    <Page title={t('practice.title')} intro={t('practice.intro')}>
      <LogForm today={today} />
      {logs.isPending ? <PageLoader /> : null}
      {logs.isError ? <ProblemAlert error={logs.error} /> : null}
      {logs.data ? (
        <>
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" m={0}>
            <Figure label={t('practice.figures.daysLast60')} count={logs.data.stats.daysLast60} />
            <Figure
              label={t('practice.figures.currentStreak')}
              count={logs.data.stats.currentStreak}
            />
          </SimpleGrid>
          <Last60Days days={days} logs={logs.data.items} today={today} />
          <Latest logs={logs.data.items} />
        </>
      ) : null}
    </Page>
  );
}
