import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page, PageLoader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { useFormat } from '../../ui/format';
import type { PersonMatch } from '../people/use-people-lookup';
import { PersonPicker } from './person-picker';
import {
  type AdminPracticum,
  type AwaitingRecording,
  useAwaitingRecordings,
  useChangeMentor,
  useCreatePracticum,
  usePracticums,
  useReassignReviewer,
} from './use-practicums';

function CreatePracticum() {
  const { t } = useTranslation();
  const create = useCreatePracticum();
  const [trainee, setTrainee] = useState<PersonMatch | null>(null);
  const [mentor, setMentor] = useState<PersonMatch | null>(null);
  const [missing, setMissing] = useState<{ trainee?: string; mentor?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  return (
    <Card withBorder component="section" aria-labelledby="create-practicum-heading" padding="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setDone(null);
          const errors = {
            trainee: trainee ? undefined : t('admin.practicums.chooseTrainee'),
            mentor: mentor ? undefined : t('admin.practicums.chooseMentor'),
          };
          setMissing(errors);
          if (!trainee || !mentor) return;
          create.mutate(
            { traineeId: trainee.id, mentorId: mentor.id },
            {
              onSuccess: (made) => {
                setDone(t('admin.practicums.created', { trainee: made.traineeName }));
                setTrainee(null);
                setMentor(null);
                setRound((n) => n + 1);
              },
            },
          );
        }}
      >
        <Stack gap="md" key={round}>
          <Title order={2} size="h3" id="create-practicum-heading">
            {t('admin.practicums.createTitle')}
          </Title>
          <PersonPicker
            label={t('admin.practicums.trainee')}
            role="trainee"
            value={trainee}
            onChange={setTrainee}
            error={missing.trainee}
          />
          <PersonPicker
            label={t('admin.practicums.mentor')}
            role="mentor"
            value={mentor}
            onChange={setMentor}
            error={missing.mentor}
          />
          {create.isError ? <ProblemAlert error={create.error} /> : null}
          {done ? (
            <Text role="status" size="sm" c="teal.9">
              {done}
            </Text>
          ) : null}
          <Button type="submit" loading={create.isPending} w="fit-content">
            {t('admin.practicums.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function PracticumItem({ practicum }: { practicum: AdminPracticum }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const change = useChangeMentor();
  const headingId = useId();
  const [mentor, setMentor] = useState<PersonMatch | null>(null);
  const [round, setRound] = useState(0);
  return (
    <Card withBorder component="li" padding="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4" id={headingId}>
            {practicum.traineeName}
          </Title>
          <Badge variant="outline" color="dark">
            {t(`admin.practicums.status.${practicum.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('admin.practicums.line', {
            mentor: practicum.mentorName,
            since: date(practicum.createdAt),
            recordings: practicum.recordingCount,
            awaiting: practicum.awaitingReviewCount,
          })}
        </Text>
        {practicum.status === 'active' ? (
          <Stack gap="xs" key={round}>
            <PersonPicker
              label={t('admin.practicums.newMentorFor', { name: practicum.traineeName })}
              role="mentor"
              value={mentor}
              onChange={setMentor}
            />
            <Button
              w="fit-content"
              variant="outline"
              disabled={!mentor}
              loading={change.isPending}
              onClick={() =>
                mentor &&
                change.mutate(
                  { id: practicum.id, mentorId: mentor.id },
                  {
                    onSuccess: () => {
                      setMentor(null);
                      setRound((n) => n + 1);
                    },
                  },
                )
              }
            >
              {t('admin.practicums.changeMentor')}
            </Button>
            {change.isError ? <ProblemAlert error={change.error} /> : null}
            {change.isSuccess ? (
              <Text role="status" size="sm" c="teal.9">
                {t('admin.practicums.mentorChanged', { name: change.data.mentorName })}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function RecordingItem({ recording }: { recording: AwaitingRecording }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const reassign = useReassignReviewer();
  const headingId = useId();
  const [reviewer, setReviewer] = useState<PersonMatch | null>(null);
  return (
    <Card withBorder component="li" padding="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {t('admin.practicums.recordingTitle', {
            trainee: recording.traineeName,
            course: recording.courseTitle,
            session: recording.sessionNumber,
          })}
        </Title>
        <Text size="sm">
          {t('admin.practicums.recordingLine', {
            reviewer: recording.reviewerName ?? t('admin.practicums.noReviewer'),
            uploaded: dateTime(recording.createdAt),
          })}
          {recording.overdue ? ` ${t('admin.practicums.overdue')}` : ''}
        </Text>
        <PersonPicker
          label={t('admin.practicums.newReviewerFor', { name: recording.traineeName })}
          role="mentor"
          value={reviewer}
          onChange={setReviewer}
        />
        <Button
          w="fit-content"
          variant="outline"
          disabled={!reviewer}
          loading={reassign.isPending}
          onClick={() => reviewer && reassign.mutate({ id: recording.id, reviewerId: reviewer.id })}
        >
          {t('admin.practicums.reassign')}
        </Button>
        {reassign.isError ? <ProblemAlert error={reassign.error} /> : null}
      </Stack>
    </Card>
  );
}

export function PracticumsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const [q] = useDebouncedValue(filter.trim(), 250);
  const practicums = usePracticums(q);
  const awaiting = useAwaitingRecordings();
  return (
    <Page title={t('admin.practicums.title')} intro={t('admin.practicums.intro')}>
      <CreatePracticum />
      <section aria-labelledby="practicums-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="practicums-heading">
            {t('admin.practicums.listTitle')}
          </Title>
          <TextInput
            type="search"
            label={t('admin.practicums.filter')}
            description={t('admin.practicums.filterHint')}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
          />
          {practicums.isError ? <ProblemAlert error={practicums.error} /> : null}
          {practicums.isPending ? <PageLoader /> : null}
          {practicums.data ? (
            practicums.data.items.length === 0 ? (
              <Text>{q ? t('admin.practicums.noMatch') : t('admin.practicums.empty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {practicums.data.items.map((p) => (
                  <PracticumItem key={p.id} practicum={p} />
                ))}
              </Stack>
            )
          ) : null}
        </Stack>
      </section>
      <section aria-labelledby="awaiting-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="awaiting-heading">
            {t('admin.practicums.awaitingTitle')}
          </Title>
          {awaiting.isError ? <ProblemAlert error={awaiting.error} /> : null}
          {awaiting.data ? (
            awaiting.data.items.length === 0 ? (
              <Text>{t('admin.practicums.awaitingEmpty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {awaiting.data.items.map((r) => (
                  <RecordingItem key={r.id} recording={r} />
                ))}
              </Stack>
            )
          ) : null}
        </Stack>
      </section>
    </Page>
  );
}
