import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { useUser } from '../identity/session';
import { AnchorLink, AppLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { applyProblem, ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { uploadRecording, UploadAborted, type UploadHandle } from './upload';
import {
  practicumKeys,
  useMyActivePracticum,
  useMyRecordings,
  useTaughtCohorts,
  type MyPracticum,
  type RecordingSummary,
} from './use-practicum';

export const recordingStatusColor = {
  processing: statusColor.waiting,
  awaiting_review: statusColor.active,
  reviewed: statusColor.done,
  rejected: statusColor.problem,
} as const;

/** Where a refusal without a field (`errors[]`) belongs, by the problem's code or status. */
const fieldOfCode: Record<string, 'cohortId' | 'sessionNumber' | 'file'> = {
  'practicum.cohort_not_found': 'cohortId',
  'practicum.not_teaching_cohort': 'cohortId',
  'practicum.session_number_unknown': 'sessionNumber',
  'practicum.unsupported_media_type': 'file',
};

type UploadValues = {
  file: File | null;
  cohortId: string;
  sessionNumber: number | string;
  consentConfirmed: boolean;
};

function UploadForm({ practicum }: { practicum: MyPracticum }) {
  const { t } = useTranslation();
  const { day } = useFormat();
  const user = useUser();
  const queryClient = useQueryClient();
  const cohorts = useTaughtCohorts(user.id);
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useRef<UploadHandle | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<UploadValues>({
    initialValues: { file: null, cohortId: '', sessionNumber: '', consentConfirmed: false },
    validate: {
      file: (value) => (value ? null : t('practicum.upload.fileRequired')),
      cohortId: (value) => (value ? null : t('practicum.upload.cohortRequired')),
      sessionNumber: (value) =>
        Number.isInteger(Number(value)) && Number(value) >= 1
          ? null
          : t('practicum.upload.sessionRequired'),
      consentConfirmed: (value) => (value ? null : t('practicum.upload.consentRequired')),
    },
  });
  useEffect(() => () => upload.current?.abort(), []);

  const cohort = cohorts.data?.find((c) => c.id === form.values.cohortId);
  const uploading = progress !== null;

  const submit = async (values: UploadValues) => {
    setMessage(null);
    setNotice(null);
    setProgress(0);
    const handle = uploadRecording(
      {
        practicumId: practicum.id,
        cohortId: values.cohortId,
        sessionNumber: Number(values.sessionNumber),
        file: values.file!,
      },
      setProgress,
    );
    upload.current = handle;
    try {
      await handle.done;
      form.reset();
      if (fileInput.current) fileInput.current.value = '';
      setNotice(t('practicum.upload.done'));
      await queryClient.invalidateQueries({ queryKey: practicumKeys.recordings });
    } catch (error) {
      if (error instanceof UploadAborted) {
        setNotice(t('practicum.upload.cancelled'));
      } else if (error instanceof ApiProblem) {
        const code = typeof error.problem.code === 'string' ? error.problem.code : '';
        const field =
          fieldOfCode[code] ?? (error.status === 413 || error.status === 415 ? 'file' : undefined);
        const left = applyProblem(form, error);
        if (field && left) form.setFieldError(field, left);
        else setMessage(error.status === 0 ? t('practicum.upload.network') : left);
      } else {
        setMessage(t('common.somethingWrong'));
      }
    } finally {
      upload.current = null;
      setProgress(null);
    }
  };

  if (cohorts.isPending) return <PageLoader />;
  if (cohorts.isError) return <ProblemAlert error={cohorts.error} />;
  const fileError = form.errors.file;

  return (
    // Not a labelled region: its name would also match the field "Recording" by label.
    <Card withBorder component="section" padding="lg">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id="upload-heading">
            {t('practicum.upload.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('practicum.upload.intro')}
          </Text>
        </Stack>
        {cohorts.data.length === 0 ? (
          <Alert color="gray" variant="outline">
            {t('practicum.upload.noCohorts')}
          </Alert>
        ) : null}
        <form noValidate onSubmit={form.onSubmit((values) => void submit(values))}>
          <Stack gap="md">
            <Input.Wrapper
              id="recording-file"
              label={t('practicum.upload.file')}
              description={t('practicum.upload.fileHint')}
              error={fileError}
              required
            >
              <Input
                component="input"
                type="file"
                id="recording-file"
                ref={fileInput}
                accept="audio/*,video/*"
                disabled={uploading}
                error={Boolean(fileError)}
                aria-describedby={fileError ? 'recording-file-error' : 'recording-file-description'}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  form.setFieldValue('file', event.currentTarget.files?.[0] ?? null)
                }
              />
            </Input.Wrapper>
            <NativeSelect
              label={t('practicum.upload.cohort')}
              required
              disabled={uploading}
              data={[
                { value: '', label: t('practicum.upload.cohortPlaceholder') },
                ...(cohorts.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.course.title}: ${c.title}`,
                })),
              ]}
              {...form.getInputProps('cohortId')}
            />
            <NumberInput
              label={t('practicum.upload.sessionNumber')}
              description={
                cohort
                  ? t('practicum.upload.sessionHint', {
                      count: cohort.sessions.length,
                      first: day(cohort.startDate),
                    })
                  : undefined
              }
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              disabled={uploading}
              {...form.getInputProps('sessionNumber')}
            />
            <Checkbox
              label={t('practicum.upload.consent')}
              description={t('practicum.upload.consentHint')}
              disabled={uploading}
              {...form.getInputProps('consentConfirmed', { type: 'checkbox' })}
            />
            {uploading ? (
              <Stack gap={4}>
                <Progress.Root
                  size="lg"
                  role="progressbar"
                  aria-label={t('practicum.upload.progress')}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(progress * 100)}
                >
                  <Progress.Section value={Math.round(progress * 100)} withAria={false} animated />
                </Progress.Root>
                <Text size="sm" aria-live="polite">
                  {t('practicum.upload.percent', { percent: Math.round(progress * 100) })}
                </Text>
              </Stack>
            ) : null}
            <ProblemAlert message={message} />
            {notice ? (
              <Alert color="teal" variant="outline" role="status">
                {notice}
              </Alert>
            ) : null}
            <Group gap="sm">
              <Button type="submit" loading={uploading}>
                {t('practicum.upload.submit')}
              </Button>
              {uploading ? (
                <Button variant="default" onClick={() => upload.current?.abort()}>
                  {t('practicum.upload.cancel')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

function RecordingItem({ recording }: { recording: RecordingSummary }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const name = t('practicum.recordings.name', {
    course: recording.courseTitle,
    cohort: recording.cohortTitle,
    session: recording.sessionNumber,
  });
  return (
    <Card withBorder component="li" padding="md">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} id={`recording-${recording.id}`}>
            {name}
          </Text>
          <Badge color={recordingStatusColor[recording.status]} variant="filled">
            {t(`practicum.status.${recording.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('practicum.recordings.uploaded', { when: dateTime(recording.createdAt) })}
          {recording.filename ? ` · ${recording.filename}` : ''}
        </Text>
        {recording.status === 'awaiting_review' && recording.reviewerName ? (
          <Text size="sm">
            {recording.dueAt
              ? t('practicum.recordings.reviewerDue', {
                  name: recording.reviewerName,
                  due: dateTime(recording.dueAt),
                })
              : t('practicum.recordings.reviewer', { name: recording.reviewerName })}
          </Text>
        ) : null}
        {recording.status === 'rejected' && recording.rejectionReason ? (
          <Text size="sm" c="red.9">
            {recording.rejectionReason}
          </Text>
        ) : null}
        {recording.status === 'reviewed' ? (
          <Group gap="sm" wrap="wrap">
            {recording.outcome ? (
              <Text size="sm" fw={600}>
                {t(`practicum.outcome.${recording.outcome}`)}
              </Text>
            ) : null}
            <AnchorLink
              to="/practicum/recordings/$recordingId"
              params={{ recordingId: recording.id }}
              aria-describedby={`recording-${recording.id}`}
            >
              {t('practicum.recordings.open')}
            </AnchorLink>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Recordings() {
  const { t } = useTranslation();
  const recordings = useMyRecordings();
  return (
    <Stack component="section" aria-labelledby="recordings-heading" gap="sm">
      <Title order={2} size="h3" id="recordings-heading">
        {t('practicum.recordings.title')}
      </Title>
      {recordings.isPending ? <PageLoader /> : null}
      {recordings.isError ? <ProblemAlert error={recordings.error} /> : null}
      {recordings.data?.items.length === 0 ? (
        <Text c="dimmed">{t('practicum.recordings.empty')}</Text>
      ) : null}
      {recordings.data?.items.length ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {recordings.data.items.map((recording) => (
            <RecordingItem key={recording.id} recording={recording} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function PracticumPage() {
  const { t } = useTranslation();
  const practicum = useMyActivePracticum();
  return (
    <Page title={t('practicum.title')} intro={t('practicum.intro')}>
      {practicum.isPending ? <PageLoader /> : null}
      {practicum.isError ? <ProblemAlert error={practicum.error} /> : null}
      {practicum.data === null ? (
        <Alert color="gray" variant="outline" title={t('practicum.none.title')}>
          {t('practicum.none.body')} <AppLink to="/">{t('practicum.none.link')}</AppLink>
        </Alert>
      ) : null}
      {practicum.data ? (
        <>
          <Text>{t('practicum.mentor', { name: practicum.data.mentorName })}</Text>
          <UploadForm practicum={practicum.data} />
        </>
      ) : null}
      {practicum.isSuccess ? <Recordings /> : null}
    </Page>
  );
}
