import {
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/app-link';
import { makeFormatters, useFormat } from '../../ui/format';
import { Page, PageLoader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { statusColor } from '../../ui/theme';
import { usePeopleLookup } from '../people/use-people-lookup';
import {
  rosterKey,
  useAdminCohort,
  useAssignTeacher,
  useAttendance,
  useCompleteCohort,
  useRemoveTeacher,
  useReopenCohort,
  useRoster,
  useSaveAttendance,
  useWithdrawParticipant,
  type AdminCohort,
  type AttendanceStatus,
  type RosterEntry,
  type TeacherRole,
} from './api';
import { CancelCohort, CancelledNotice, EditCohort } from './cohort-changes';

const ATTENDANCE: AttendanceStatus[] = ['present', 'absent', 'excused'];

type RosterStatus = 'enrolled' | 'waitlisted' | 'withdrawn' | 'completed';

function rosterStatus(entry: RosterEntry): RosterStatus {
  return entry.completedAt ? 'completed' : entry.status;
}

const rosterColor: Record<RosterStatus, string> = {
  enrolled: statusColor.active,
  waitlisted: statusColor.waiting,
  withdrawn: statusColor.waiting,
  completed: statusColor.done,
};

function Sessions({ cohort }: { cohort: AdminCohort }) {
  const { t, i18n } = useTranslation();
  const inZone = useMemo(
    () => makeFormatters(i18n.language, cohort.timeZone),
    [i18n.language, cohort.timeZone],
  );
  const sessions = [...cohort.sessions].sort((a, b) => a.number - b.number);
  return (
    <Card withBorder component="section" aria-labelledby="sessions-heading" padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h3" id="sessions-heading">
          {t('admin.cohort.sessionsTitle', { zone: cohort.timeZone })}
        </Title>
        {sessions.length === 0 ? (
          <Text>{t('admin.cohort.noSessions')}</Text>
        ) : (
          <List spacing={2} aria-labelledby="sessions-heading">
            {sessions.map((s) => (
              <List.Item key={s.id}>
                {t('admin.cohort.sessionLine', {
                  number: s.number,
                  start: inZone.dateTime(s.startsAt),
                })}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

function WithdrawButton({ cohortId, entry }: { cohortId: string; entry: RosterEntry }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawParticipant(cohortId);
  const [asking, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        color="red.9"
        onClick={open}
        aria-label={t('admin.cohort.withdrawOf', { name: entry.displayName })}
      >
        {t('admin.cohort.withdraw')}
      </Button>
      <Modal
        opened={asking}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('admin.cohort.closeDialog') }}
        title={t('admin.cohort.withdrawTitle', { name: entry.displayName })}
      >
        <Stack gap="md">
          <Text>{t('admin.cohort.withdrawBody')}</Text>
          {withdraw.isError ? <ProblemAlert error={withdraw.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('admin.cohort.keep')}
            </Button>
            <Button
              color="red.9"
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate(entry.userId, { onSuccess: close })}
            >
              {t('admin.cohort.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Roster({ cohort, roster }: { cohort: AdminCohort; roster: RosterEntry[] }) {
  const { t } = useTranslation();
  const order: Record<RosterStatus, number> = {
    enrolled: 0,
    completed: 0,
    waitlisted: 1,
    withdrawn: 2,
  };
  const sorted = [...roster].sort(
    (a, b) =>
      order[rosterStatus(a)] - order[rosterStatus(b)] ||
      (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
      a.displayName.localeCompare(b.displayName),
  );
  return (
    <Card withBorder component="section" aria-labelledby="roster-heading" padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h3" id="roster-heading">
          {t('admin.cohort.rosterTitle', {
            enrolled: cohort.enrolledCount,
            capacity: cohort.capacity,
            waiting: cohort.waitlistCount,
          })}
        </Title>
        {sorted.length === 0 ? (
          <Text>{t('admin.cohort.rosterEmpty')}</Text>
        ) : (
          // Focusable so that the keyboard scrolls it at 360 px even when no button is inside.
          <div
            tabIndex={0}
            role="group"
            aria-labelledby="roster-heading"
            style={{ overflowX: 'auto' }}
          >
            <Table aria-labelledby="roster-heading" verticalSpacing="xs" miw={320}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.cohort.person')}</Table.Th>
                  <Table.Th>{t('admin.cohort.status')}</Table.Th>
                  <Table.Th>{t('admin.cohort.attended')}</Table.Th>
                  <Table.Th>{t('admin.cohort.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((entry) => {
                  const status = rosterStatus(entry);
                  return (
                    <Table.Tr key={entry.id}>
                      <Table.Td>
                        <Text fw={600}>{entry.displayName}</Text>
                        <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          {entry.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={rosterColor[status]} variant="filled">
                          {status === 'waitlisted' && entry.waitlistPosition
                            ? t('admin.cohort.waitlistedAt', { position: entry.waitlistPosition })
                            : t(`admin.cohort.rosterStatus.${status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{entry.attendedSessions}</Table.Td>
                      <Table.Td>
                        {entry.status !== 'withdrawn' &&
                        cohort.status !== 'completed' &&
                        cohort.status !== 'cancelled' ? (
                          <WithdrawButton cohortId={cohort.id} entry={entry} />
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function AttendanceSheet({ cohort, roster }: { cohort: AdminCohort; roster: RosterEntry[] }) {
  const { t, i18n } = useTranslation();
  const inZone = useMemo(
    () => makeFormatters(i18n.language, cohort.timeZone),
    [i18n.language, cohort.timeZone],
  );
  const sessions = [...cohort.sessions].sort((a, b) => a.number - b.number);
  const [sessionId, setSessionId] = useState<string | null>(sessions[0]?.id ?? null);
  const attendance = useAttendance(cohort.id, sessionId);
  const save = useSaveAttendance(cohort.id);
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | ''>>({});
  const [saved, setSaved] = useState(false);
  const participants = roster
    .filter((e) => e.status === 'enrolled')
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

  useEffect(() => {
    if (!attendance.data) return;
    setMarks(Object.fromEntries(attendance.data.records.map((r) => [r.userId, r.status])));
  }, [attendance.data]);

  const records = participants.flatMap((p) => {
    const status = marks[p.userId];
    return status ? [{ userId: p.userId, status }] : [];
  });

  return (
    <Card withBorder component="section" aria-labelledby="attendance-heading" padding="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!sessionId) return;
          setSaved(false);
          save.mutate({ sessionId, records }, { onSuccess: () => setSaved(true) });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="attendance-heading">
            {t('admin.cohort.attendanceTitle')}
          </Title>
          {sessions.length === 0 ? (
            <Text>{t('admin.cohort.noSessions')}</Text>
          ) : (
            <NativeSelect
              label={t('admin.cohort.session')}
              value={sessionId ?? ''}
              onChange={(event) => {
                setSessionId(event.currentTarget.value);
                setSaved(false);
                save.reset();
              }}
              data={sessions.map((s) => ({
                value: s.id,
                label: t('admin.cohort.sessionLine', {
                  number: s.number,
                  start: inZone.dateTime(s.startsAt),
                }),
              }))}
            />
          )}
          {participants.length === 0 ? (
            <Text>{t('admin.cohort.attendanceEmpty')}</Text>
          ) : attendance.isPending && sessionId ? (
            <PageLoader />
          ) : (
            participants.map((p) => (
              <NativeSelect
                key={p.userId}
                label={p.displayName}
                value={marks[p.userId] ?? ''}
                onChange={(event) => {
                  const value = event.currentTarget.value as AttendanceStatus | '';
                  setMarks((m) => ({ ...m, [p.userId]: value }));
                  setSaved(false);
                }}
                data={[
                  { value: '', label: t('admin.cohort.notRecorded') },
                  ...ATTENDANCE.map((s) => ({ value: s, label: t(`admin.cohort.mark.${s}`) })),
                ]}
              />
            ))
          )}
          {attendance.isError ? <ProblemAlert error={attendance.error} /> : null}
          {save.isError ? <ProblemAlert error={save.error} /> : null}
          {saved ? (
            <Text role="status" fw={600}>
              {t('admin.cohort.attendanceSaved', { count: records.length })}
            </Text>
          ) : null}
          {participants.length > 0 && sessionId ? (
            <Group>
              <Button type="submit" loading={save.isPending} disabled={records.length === 0}>
                {t('admin.cohort.saveAttendance')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}

function Teachers({ cohort }: { cohort: AdminCohort }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const people = usePeopleLookup(debounced, { keepPrevious: true });
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState<TeacherRole>('lead');
  const assign = useAssignTeacher(cohort.id);
  const remove = useRemoveTeacher(cohort.id);
  const matches = people.data ?? [];
  const chosen = matches.some((p) => p.id === personId) ? personId : (matches[0]?.id ?? '');
  return (
    <Card withBorder component="section" aria-labelledby="teachers-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="teachers-heading">
          {t('admin.cohort.teachersTitle')}
        </Title>
        {cohort.teachers.length === 0 ? (
          <Text>{t('admin.cohort.noTeachers')}</Text>
        ) : (
          <List spacing="xs" aria-labelledby="teachers-heading">
            {cohort.teachers.map((teacher) => (
              <List.Item key={teacher.userId}>
                <Group gap="sm" wrap="wrap">
                  <Text>
                    {teacher.displayName} ({t(`admin.cohort.teacherRole.${teacher.role}`)})
                  </Text>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    loading={remove.isPending && remove.variables === teacher.userId}
                    onClick={() => remove.mutate(teacher.userId)}
                    aria-label={t('admin.cohort.removeTeacherOf', { name: teacher.displayName })}
                  >
                    {t('admin.cohort.removeTeacher')}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {remove.isError ? <ProblemAlert error={remove.error} /> : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            assign.mutate(
              { userId: chosen, role },
              {
                onSuccess: () => {
                  setSearch('');
                  setPersonId('');
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('admin.cohort.findPerson')}
              description={t('admin.cohort.findPersonHint')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
            {debounced.trim() && people.data ? (
              matches.length === 0 ? (
                <Text size="sm">{t('admin.cohort.nobodyFound')}</Text>
              ) : (
                <NativeSelect
                  label={t('admin.cohort.person')}
                  value={chosen}
                  onChange={(event) => setPersonId(event.currentTarget.value)}
                  data={matches.map((p) => ({
                    value: p.id,
                    label: `${p.displayName} (${p.email})`,
                  }))}
                />
              )
            ) : null}
            {people.isError ? <ProblemAlert error={people.error} /> : null}
            <NativeSelect
              label={t('admin.cohort.teacherRoleLabel')}
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as TeacherRole)}
              data={(['lead', 'co_teacher'] as const).map((r) => ({
                value: r,
                label: t(`admin.cohort.teacherRole.${r}`),
              }))}
            />
            {assign.isError ? <ProblemAlert error={assign.error} /> : null}
            <Group>
              <Button type="submit" disabled={!chosen} loading={assign.isPending}>
                {t('admin.cohort.assignTeacher')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

function Completion({
  cohort,
  complete,
}: {
  cohort: AdminCohort;
  complete: ReturnType<typeof useCompleteCohort>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const reopen = useReopenCohort(cohort.id);
  const [asking, { open, close }] = useDisclosure(false);
  return (
    <Card withBorder component="section" aria-labelledby="completion-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="completion-heading">
          {t('admin.cohort.completionTitle')}
        </Title>
        {cohort.status === 'completed' ? (
          <>
            <Text role="status">
              {t('admin.cohort.completedOn', {
                date: cohort.completedAt ? format.dateTime(cohort.completedAt) : '',
              })}
            </Text>
            <Text size="sm">{t('admin.cohort.reopenHint')}</Text>
            {reopen.isError ? <ProblemAlert error={reopen.error} /> : null}
            <Group>
              <Button
                variant="outline"
                loading={reopen.isPending}
                onClick={() => reopen.mutate(undefined, { onSuccess: () => complete.reset() })}
              >
                {t('admin.cohort.reopen')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{t('admin.cohort.completeHint')}</Text>
            {complete.isError ? <ProblemAlert error={complete.error} /> : null}
            {complete.isSuccess ? (
              <Text role="status" fw={600}>
                {t('admin.cohort.completeStarted')}
              </Text>
            ) : null}
            <Group>
              <Button onClick={open}>{t('admin.cohort.complete')}</Button>
            </Group>
          </>
        )}
      </Stack>
      <Modal
        opened={asking}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('admin.cohort.closeDialog') }}
        title={t('admin.cohort.completeTitle', { title: cohort.title })}
      >
        <Stack gap="md">
          <Text>{t('admin.cohort.completeBody')}</Text>
          <Text>
            {cohort.ceEligible ? t('admin.cohort.completeCe') : t('admin.cohort.completeNoCe')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('admin.cohort.notYet')}
            </Button>
            <Button
              loading={complete.isPending}
              onClick={() => complete.mutate(undefined, { onSettled: close })}
            >
              {t('admin.cohort.completeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

export function AdminCohortPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams({ strict: false });
  const complete = useCompleteCohort(id);
  const cohort = useAdminCohort(id, complete.isSuccess);
  const roster = useRoster(id);
  const queryClient = useQueryClient();
  const status = cohort.data?.status;
  const enrolled = cohort.data?.enrolledCount;
  useEffect(() => {
    // The roster's completions and waitlist promotions happen in the background; show them once
    // the cohort says they did.
    if (status) void queryClient.invalidateQueries({ queryKey: rosterKey(id) });
  }, [status, enrolled, id, queryClient]);
  const title = cohort.data?.title ?? t('admin.cohort.title');
  return (
    <Page
      title={title}
      intro={
        cohort.data
          ? t('admin.cohort.intro', {
              course: cohort.data.course.title,
              code: cohort.data.course.code,
              status: t(`admin.cohorts.status.${cohort.data.status}`),
              start: format.day(cohort.data.startDate),
            })
          : undefined
      }
    >
      <AnchorLink to="/admin/cohorts">{t('admin.cohort.back')}</AnchorLink>
      {cohort.isPending || roster.isPending ? <PageLoader /> : null}
      {cohort.isError ? <ProblemAlert error={cohort.error} /> : null}
      {roster.isError ? <ProblemAlert error={roster.error} /> : null}
      {cohort.data && roster.data ? (
        <>
          {cohort.data.status === 'cancelled' ? <CancelledNotice cohort={cohort.data} /> : null}
          <Sessions cohort={cohort.data} />
          <Roster cohort={cohort.data} roster={roster.data} />
          {cohort.data.status !== 'cancelled' ? (
            <>
              <AttendanceSheet key={cohort.data.status} cohort={cohort.data} roster={roster.data} />
              <Completion cohort={cohort.data} complete={complete} />
            </>
          ) : null}
          {cohort.data.status === 'scheduling' || cohort.data.status === 'open' ? (
            <EditCohort cohort={cohort.data} />
          ) : null}
          <Teachers cohort={cohort.data} />
          {cohort.data.status === 'scheduling' || cohort.data.status === 'open' ? (
            <CancelCohort cohort={cohort.data} />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
