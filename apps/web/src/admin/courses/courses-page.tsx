import {
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { RequestBody } from '../../api/types';
import { useFormat } from '../../ui/format';
import { Page, PageLoader } from '../../ui/page';
import { applyProblem, ProblemAlert } from '../../ui/problem';
import {
  type Course,
  coursesKey,
  EditCourseForm,
  FORMATS,
  ReinstateCourseButton,
  RetireCourseButton,
} from './course-changes';

type NewCourse = RequestBody<'/api/v1/courses', 'post'>;
type Format = NewCourse['format'];

// A type, not an interface: applyProblem needs an index signature.
type Values = {
  code: string;
  title: string;
  format: Format;
  sessionCount: string;
  sessionMinutes: string;
  completionMinSessions: string;
  ceHours: string;
  deliveryMode: NewCourse['deliveryMode'];
};

const whole = (v: string) => /^\d+$/.test(v) && Number(v) > 0;

function NewCourseForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async (body: NewCourse) => unwrap(await api.POST('/api/v1/courses', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coursesKey }),
  });
  const form = useForm<Values>({
    initialValues: {
      code: '',
      title: '',
      format: 'msc_8_week',
      sessionCount: '8',
      sessionMinutes: '150',
      completionMinSessions: '6',
      ceHours: '',
      deliveryMode: 'online',
    },
    validate: {
      code: (v) => (v.trim() ? null : t('admin.courses.required')),
      title: (v) => (v.trim() ? null : t('admin.courses.required')),
      sessionCount: (v) => (whole(v) ? null : t('admin.courses.wholeNumber')),
      sessionMinutes: (v) => (whole(v) ? null : t('admin.courses.wholeNumber')),
      completionMinSessions: (v) => (whole(v) ? null : t('admin.courses.wholeNumber')),
      ceHours: (v) => (v === '' || Number(v) >= 0 ? null : t('admin.courses.hours')),
    },
  });
  const submit = form.onSubmit((v) => {
    setMessage(null);
    create.mutate(
      {
        code: v.code.trim(),
        title: v.title.trim(),
        format: v.format,
        deliveryMode: v.deliveryMode,
        sessionCount: Number(v.sessionCount),
        sessionMinutes: Number(v.sessionMinutes),
        completionMinSessions: Number(v.completionMinSessions),
        ...(v.ceHours === '' ? {} : { ceHours: Number(v.ceHours) }),
      },
      { onSuccess: onDone, onError: (error) => setMessage(applyProblem(form, error)) },
    );
  });
  return (
    <Card withBorder component="section" aria-labelledby="new-course-heading" padding="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-course-heading">
            {t('admin.courses.newTitle')}
          </Title>
          <TextInput label={t('admin.courses.code')} required {...form.getInputProps('code')} />
          <TextInput
            label={t('admin.courses.titleLabel')}
            required
            {...form.getInputProps('title')}
          />
          <NativeSelect
            label={t('admin.courses.format')}
            data={FORMATS.map((f) => ({ value: f, label: t(`admin.courses.formats.${f}`) }))}
            {...form.getInputProps('format')}
          />
          <NativeSelect
            label={t('admin.courses.delivery')}
            data={(['online', 'in_person'] as const).map((d) => ({
              value: d,
              label: t(`admin.courses.deliveryModes.${d}`),
            }))}
            {...form.getInputProps('deliveryMode')}
          />
          <TextInput
            label={t('admin.courses.sessions')}
            inputMode="numeric"
            required
            {...form.getInputProps('sessionCount')}
          />
          <TextInput
            label={t('admin.courses.minutes')}
            inputMode="numeric"
            required
            {...form.getInputProps('sessionMinutes')}
          />
          <TextInput
            label={t('admin.courses.toComplete')}
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
          <ProblemAlert message={message} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('admin.courses.create')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('admin.courses.cancelForm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function useCourses(status: 'active' | 'retired', enabled = true) {
  return useQuery({
    queryKey: [...coursesKey, 'list', status],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/courses', { params: { query: { limit: 200, status } } }))
        .items as Course[],
  });
}

export function AdminCoursesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Course | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const courses = useCourses('active');
  const retired = useCourses('retired', showRetired);
  const plan = (c: Course) =>
    t('admin.courses.planLine', {
      count: c.sessionCount,
      minutes: c.sessionMinutes,
      need: c.completionMinSessions,
    });
  return (
    <Page title={t('admin.courses.title')} intro={t('admin.courses.intro')}>
      {creating ? (
        <NewCourseForm onDone={() => setCreating(false)} />
      ) : editing ? null : (
        <Group>
          <Button onClick={() => setCreating(true)}>{t('admin.courses.new')}</Button>
        </Group>
      )}
      {editing ? (
        <EditCourseForm
          key={editing.id}
          course={editing}
          onDone={(saved) => {
            if (saved) setStatus(t('admin.courses.edit.saved', { code: editing.code }));
            setEditing(null);
          }}
        />
      ) : null}
      <div role="status" aria-live="polite">
        {status ? <Text fw={500}>{status}</Text> : null}
      </div>
      {courses.isPending ? <PageLoader /> : null}
      {courses.isError ? <ProblemAlert error={courses.error} /> : null}
      {courses.data?.length === 0 ? (
        <Card withBorder padding="lg">
          <Text>{t('admin.courses.empty')}</Text>
        </Card>
      ) : null}
      {courses.data && courses.data.length > 0 ? (
        <Table.ScrollContainer minWidth={320}>
          <Table aria-label={t('admin.courses.title')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.courses.code')}</Table.Th>
                <Table.Th>{t('admin.courses.titleLabel')}</Table.Th>
                <Table.Th>{t('admin.courses.format')}</Table.Th>
                <Table.Th>{t('admin.courses.plan')}</Table.Th>
                <Table.Th>{t('admin.courses.ceHours')}</Table.Th>
                <Table.Th>{t('admin.courses.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {courses.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.code}</Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>{t(`admin.courses.formats.${c.format}`)}</Table.Td>
                  <Table.Td>{plan(c)}</Table.Td>
                  <Table.Td>{c.ceHours ?? t('admin.courses.noCe')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="outline"
                        onClick={() => {
                          setCreating(false);
                          setStatus(null);
                          setEditing(c);
                        }}
                      >
                        {t('admin.courses.edit.open')}
                      </Button>
                      <RetireCourseButton
                        course={c}
                        onRetired={(done) => {
                          if (editing?.id === done.id) setEditing(null);
                          setStatus(t('admin.courses.retire.done', { code: done.code }));
                        }}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Switch
        label={t('admin.courses.showRetired')}
        checked={showRetired}
        onChange={(event) => setShowRetired(event.currentTarget.checked)}
      />
      {showRetired ? (
        <Card withBorder component="section" aria-labelledby="retired-heading" padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h3" id="retired-heading">
              {t('admin.courses.retiredTitle')}
            </Title>
            {retired.isPending ? <PageLoader /> : null}
            {retired.isError ? <ProblemAlert error={retired.error} /> : null}
            {retired.data?.length === 0 ? <Text>{t('admin.courses.retiredEmpty')}</Text> : null}
            {retired.data && retired.data.length > 0 ? (
              <Table.ScrollContainer minWidth={320}>
                <Table aria-label={t('admin.courses.retiredTitle')} verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('admin.courses.code')}</Table.Th>
                      <Table.Th>{t('admin.courses.titleLabel')}</Table.Th>
                      <Table.Th>{t('admin.courses.retiredOn')}</Table.Th>
                      <Table.Th>{t('admin.courses.retiredReason')}</Table.Th>
                      <Table.Th>{t('admin.courses.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {retired.data.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{c.code}</Table.Td>
                        <Table.Td>{c.title}</Table.Td>
                        <Table.Td>{c.retiredAt ? format.dateTime(c.retiredAt) : ''}</Table.Td>
                        <Table.Td>{c.retirementReason ?? t('admin.courses.noReason')}</Table.Td>
                        <Table.Td>
                          <ReinstateCourseButton
                            course={c}
                            onReinstated={(done) =>
                              setStatus(t('admin.courses.reinstate.done', { code: done.code }))
                            }
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
          </Stack>
        </Card>
      ) : null}
    </Page>
  );
}
