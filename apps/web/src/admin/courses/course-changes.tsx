import {
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { RequestBody, ResponseBody } from '../../api/types';
import { applyProblem, ProblemAlert } from '../../ui/problem';

export type Course = ResponseBody<'/api/v1/courses/{id}', 'get'>;
type CourseChanges = RequestBody<'/api/v1/courses/{id}', 'patch'>;
type Format = NonNullable<CourseChanges['format']>;
export const FORMATS: Format[] = [
  'msc_8_week',
  'msc_intensive',
  'teacher_training',
  'teacher_training_practicum',
];
export const coursesKey = ['admin', 'courses'] as const;

const whole = (v: string) => /^\d+$/.test(v) && Number(v) > 0;

// A type, not an interface: applyProblem needs an index signature.
type Values = {
  code: string;
  title: string;
  format: Format;
  sessionCount: string;
  sessionMinutes: string;
  completionMinSessions: string;
  ceHours: string;
};

/** Whether the course has cohorts, and whether any of them has its sessions (not `scheduling`). */
function useCourseUsage(courseId: string) {
  return useQuery({
    queryKey: [...coursesKey, courseId, 'cohorts'],
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/cohorts', { params: { query: { courseId, limit: 100 } } }),
      );
      return {
        hasCohorts: (page.total ?? page.items.length) > 0,
        hasSessions: page.items.some((c) => c.status !== 'scheduling'),
      };
    },
  });
}

/** "Edit course": the create form's fields; the fixed ones disabled, saying why. */
export function EditCourseForm({
  course,
  onDone,
}: {
  course: Course;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const usage = useCourseUsage(course.id);
  const [message, setMessage] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: async (body: CourseChanges) =>
      unwrap(
        await api.PATCH('/api/v1/courses/{id}', { params: { path: { id: course.id } }, body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coursesKey }),
  });
  const form = useForm<Values>({
    initialValues: {
      code: course.code,
      title: course.title,
      format: course.format,
      sessionCount: String(course.sessionCount),
      sessionMinutes: String(course.sessionMinutes),
      completionMinSessions: String(course.completionMinSessions),
      ceHours: course.ceHours === null ? '' : String(course.ceHours),
    },
    validate: {
      code: (v) => (v.trim() ? null : t('admin.courses.required')),
      title: (v) => (v.trim() ? null : t('admin.courses.required')),
      sessionCount: (v) => (whole(v) ? null : t('admin.courses.wholeNumber')),
      sessionMinutes: (v) => (whole(v) ? null : t('admin.courses.wholeNumber')),
      completionMinSessions: (v, values) =>
        !whole(v)
          ? t('admin.courses.wholeNumber')
          : whole(values.sessionCount) && Number(v) > Number(values.sessionCount)
            ? t('admin.courses.edit.atMostSessions')
            : null,
      ceHours: (v) => (v === '' || Number(v) >= 0 ? null : t('admin.courses.hours')),
    },
  });
  const planFixed = usage.data?.hasCohorts ?? true;
  const minutesFixed = usage.data?.hasSessions ?? true;
  const fixedReason = (fixed: boolean, why: string) =>
    usage.isPending ? t('admin.courses.edit.checking') : fixed ? why : undefined;
  const submit = form.onSubmit((v) => {
    setMessage(null);
    const ceHours = v.ceHours === '' ? null : Number(v.ceHours);
    update.mutate(
      {
        code: v.code.trim(),
        title: v.title.trim(),
        ...(planFixed ? {} : { format: v.format, sessionCount: Number(v.sessionCount) }),
        ...(minutesFixed ? {} : { sessionMinutes: Number(v.sessionMinutes) }),
        completionMinSessions: Number(v.completionMinSessions),
        ...(ceHours === course.ceHours ? {} : { ceHours }),
      },
      {
        onSuccess: () => onDone(true),
        onError: (error) => setMessage(applyProblem(form, error)),
      },
    );
  });
  const headingId = `edit-course-heading-${course.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h3" id={headingId}>
            {t('admin.courses.edit.title', { code: course.code })}
          </Title>
          <TextInput label={t('admin.courses.code')} required {...form.getInputProps('code')} />
          <TextInput
            label={t('admin.courses.titleLabel')}
            required
            {...form.getInputProps('title')}
          />
          <NativeSelect
            label={t('admin.courses.format')}
            disabled={planFixed}
            description={fixedReason(planFixed, t('admin.courses.edit.fixedHasCohorts'))}
            data={FORMATS.map((f) => ({ value: f, label: t(`admin.courses.formats.${f}`) }))}
            {...form.getInputProps('format')}
          />
          <TextInput
            label={t('admin.courses.sessions')}
            inputMode="numeric"
            required
            disabled={planFixed}
            description={fixedReason(planFixed, t('admin.courses.edit.fixedHasCohorts'))}
            {...form.getInputProps('sessionCount')}
          />
          <TextInput
            label={t('admin.courses.minutes')}
            inputMode="numeric"
            required
            disabled={minutesFixed}
            description={fixedReason(minutesFixed, t('admin.courses.edit.fixedHasSessions'))}
            {...form.getInputProps('sessionMinutes')}
          />
          <TextInput
            label={t('admin.courses.toComplete')}
            description={t('admin.courses.edit.completionHint')}
            inputMode="numeric"
            required
            {...form.getInputProps('completionMinSessions')}
          />
          <TextInput
            label={t('admin.courses.ceHours')}
            description={t('admin.courses.ceHoursHint')}
            inputMode="decimal"
            {...form.getInputProps('ceHours')}
          />
          {usage.isError ? <ProblemAlert error={usage.error} /> : null}
          <ProblemAlert message={message} />
          <Group>
            <Button type="submit" loading={update.isPending} disabled={usage.isPending}>
              {t('admin.courses.edit.save')}
            </Button>
            <Button variant="default" onClick={() => onDone(false)}>
              {t('admin.courses.cancelForm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** "Retire course" behind a dialog saying what happens, with an optional "Reason". */
export function RetireCourseButton({
  course,
  onRetired,
}: {
  course: Course;
  onRetired: (course: Course) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const retire = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/courses/{id}/retire', {
          params: { path: { id: course.id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: async (retired) => {
      await queryClient.invalidateQueries({ queryKey: coursesKey });
      close();
      onRetired(retired);
    },
  });
  return (
    <>
      <Button size="xs" variant="outline" color="red.9" onClick={open}>
        {t('admin.courses.retire.open')}
      </Button>
      <Modal
        opened={asking}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('admin.courses.retire.closeDialog') }}
        title={t('admin.courses.retire.dialogTitle', { code: course.code })}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            retire.mutate();
          }}
        >
          <Stack gap="md">
            <Text>{t('admin.courses.retire.whatHappens')}</Text>
            <Textarea
              label={t('admin.courses.retire.reason')}
              description={t('admin.courses.retire.reasonHint')}
              autosize
              minRows={2}
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            {retire.isError ? <ProblemAlert error={retire.error} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('admin.courses.retire.keep')}
              </Button>
              <Button type="submit" color="red.9" loading={retire.isPending}>
                {t('admin.courses.retire.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** "Reinstate course": no dialog, it only undoes a retirement. */
export function ReinstateCourseButton({
  course,
  onReinstated,
}: {
  course: Course;
  onReinstated: (course: Course) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reinstate = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/courses/{id}/reinstate', {
          params: { path: { id: course.id } },
        }),
      ),
    onSuccess: async (done) => {
      await queryClient.invalidateQueries({ queryKey: coursesKey });
      onReinstated(done);
    },
  });
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="outline"
        loading={reinstate.isPending}
        onClick={() => reinstate.mutate()}
      >
        {t('admin.courses.reinstate.open')}
      </Button>
      {reinstate.isError ? <ProblemAlert error={reinstate.error} /> : null}
    </Stack>
  );
}
