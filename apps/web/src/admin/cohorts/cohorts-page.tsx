import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/app-link';
import { browserTimeZone, useFormat } from '../../ui/format';
import { Page, PageLoader } from '../../ui/page';
import { applyProblem, ProblemAlert } from '../../ui/problem';
import { TimeZoneSelect } from '../../ui/time-zone-select';
import { useAdminCohorts, useCourses, useCreateCohort, type CohortStatus } from './api';

const STATUSES: CohortStatus[] = ['scheduling', 'open', 'completed', 'cancelled'];

// A type, not an interface: applyProblem needs an index signature.
type Values = {
  courseId: string;
  title: string;
  startDate: string;
  localTime: string;
  timeZone: string;
  capacity: string;
  ceEligible: boolean;
};

function NewCohortForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const courses = useCourses();
  const create = useCreateCohort();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      courseId: '',
      title: '',
      startDate: '',
      localTime: '19:00',
      timeZone: browserTimeZone(),
      capacity: '20',
      ceEligible: false,
    },
    validate: {
      courseId: (v) => (v ? null : t('admin.cohorts.courseRequired')),
      title: (v) => (v.trim() ? null : t('admin.cohorts.titleRequired')),
      startDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('admin.cohorts.dateFormat')),
      localTime: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : t('admin.cohorts.timeFormat')),
      capacity: (v) => (/^\d+$/.test(v) && Number(v) > 0 ? null : t('admin.cohorts.capacityHint')),
    },
  });
  const submit = form.onSubmit((values) => {
    setMessage(null);
    create.mutate(
      { ...values, title: values.title.trim(), capacity: Number(values.capacity) },
      {
        onSuccess: onDone,
        onError: (error) => setMessage(applyProblem(form, error) ?? null),
      },
    );
  });
  const list = courses.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="new-cohort-heading" padding="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-cohort-heading">
            {t('admin.cohorts.newTitle')}
          </Title>
          {courses.isError ? <ProblemAlert error={courses.error} /> : null}
          {courses.data && list.length === 0 ? (
            <Text>
              {t('admin.cohorts.noCourses')}{' '}
              <AnchorLink to="/admin/courses">{t('admin.cohorts.goCourses')}</AnchorLink>
            </Text>
          ) : null}
          <NativeSelect
            label={t('admin.cohorts.course')}
            required
            data={[
              { value: '', label: t('admin.cohorts.chooseCourse') },
              ...list.map((c) => ({ value: c.id, label: `${c.title} (${c.code})` })),
            ]}
            {...form.getInputProps('courseId')}
          />
          <TextInput
            label={t('admin.cohorts.titleLabel')}
            required
            {...form.getInputProps('title')}
          />
          <TextInput
            label={t('admin.cohorts.startDate')}
            description={t('admin.cohorts.dateFormat')}
            placeholder="YYYY-MM-DD"
            required
            {...form.getInputProps('startDate')}
          />
          <TextInput
            label={t('admin.cohorts.localTime')}
            description={t('admin.cohorts.timeFormat')}
            placeholder="HH:mm"
            required
            {...form.getInputProps('localTime')}
          />
          <TimeZoneSelect label={t('admin.cohorts.timeZone')} {...form.getInputProps('timeZone')} />
          <TextInput
            label={t('admin.cohorts.capacity')}
            inputMode="numeric"
            required
            {...form.getInputProps('capacity')}
          />
          <Checkbox
            label={t('admin.cohorts.ceEligible')}
            {...form.getInputProps('ceEligible', { type: 'checkbox' })}
          />
          <ProblemAlert message={message} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('admin.cohorts.create')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('admin.cohorts.cancelForm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function AdminCohortsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<CohortStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState(false);
  const cohorts = useAdminCohorts(status);
  return (
    <Page title={t('admin.cohorts.title')} intro={t('admin.cohorts.intro')}>
      {creating ? (
        <NewCohortForm
          onDone={() => {
            setCreating(false);
            setCreated(true);
          }}
        />
      ) : (
        <Group>
          <Button
            onClick={() => {
              setCreating(true);
              setCreated(false);
            }}
          >
            {t('admin.cohorts.new')}
          </Button>
        </Group>
      )}
      {created ? <Text role="status">{t('admin.cohorts.created')}</Text> : null}
      <NativeSelect
        label={t('admin.cohorts.filter')}
        maw={320}
        value={status ?? ''}
        onChange={(event) => setStatus((event.currentTarget.value || null) as CohortStatus | null)}
        data={[
          { value: '', label: t('admin.cohorts.all') },
          ...STATUSES.map((s) => ({ value: s, label: t(`admin.cohorts.status.${s}`) })),
        ]}
      />
      {cohorts.isPending ? <PageLoader /> : null}
      {cohorts.isError ? <ProblemAlert error={cohorts.error} /> : null}
      {cohorts.data?.length === 0 ? (
        <Card withBorder padding="lg">
          <Text>{status ? t('admin.cohorts.noneOfStatus') : t('admin.cohorts.empty')}</Text>
        </Card>
      ) : null}
      {cohorts.data && cohorts.data.length > 0 ? (
        <Table.ScrollContainer minWidth={320}>
          <Table aria-label={t('admin.cohorts.title')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.cohorts.titleLabel')}</Table.Th>
                <Table.Th>{t('admin.cohorts.course')}</Table.Th>
                <Table.Th>{t('admin.cohorts.startDate')}</Table.Th>
                <Table.Th>{t('admin.cohorts.statusLabel')}</Table.Th>
                <Table.Th>{t('admin.cohorts.seats')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cohorts.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <AnchorLink to="/admin/cohorts/$id" params={{ id: c.id }}>
                      {c.title}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {c.course.title} ({c.course.code})
                  </Table.Td>
                  <Table.Td>
                    {format.day(c.startDate)}, {c.localTime} ({c.timeZone})
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="dark">
                      {t(`admin.cohorts.status.${c.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {t('admin.cohorts.seatsLine', {
                      enrolled: c.enrolledCount,
                      capacity: c.capacity,
                      waiting: c.waitlistCount,
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
