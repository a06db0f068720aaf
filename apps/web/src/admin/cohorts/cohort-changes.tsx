import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { applyProblem, ProblemAlert } from '../../ui/problem';
import { TimeZoneSelect } from '../../ui/time-zone-select';
import { type AdminCohort, type CohortChanges, useCancelCohort, useUpdateCohort } from './api';

// A type, not an interface: applyProblem needs an index signature.
type Values = {
  title: string;
  capacity: string;
  ceEligible: boolean;
  startDate: string;
  localTime: string;
  timeZone: string;
};

/** Whether the cohort's first session has begun: its start can no longer move. */
export function hasStarted(cohort: AdminCohort): boolean {
  const first = [...cohort.sessions].sort((a, b) => a.number - b.number)[0];
  return first ? Date.parse(first.startsAt) <= Date.now() : false;
}

function valuesOf(cohort: AdminCohort): Values {
  return {
    title: cohort.title,
    capacity: String(cohort.capacity),
    ceEligible: cohort.ceEligible,
    startDate: cohort.startDate,
    localTime: cohort.localTime,
    timeZone: cohort.timeZone,
  };
}

/** Only what differs from the cohort: an unchanged start never asks for a re-plan. */
function changesOf(cohort: AdminCohort, values: Values, started: boolean): CohortChanges {
  const before = valuesOf(cohort);
  const changes: CohortChanges = {};
  if (values.title.trim() !== before.title) changes.title = values.title.trim();
  if (values.capacity !== before.capacity) changes.capacity = Number(values.capacity);
  if (values.ceEligible !== before.ceEligible) changes.ceEligible = values.ceEligible;
  if (!started) {
    if (values.startDate !== before.startDate) changes.startDate = values.startDate;
    if (values.localTime !== before.localTime) changes.localTime = values.localTime;
    if (values.timeZone !== before.timeZone) changes.timeZone = values.timeZone;
  }
  return changes;
}

function EditForm({ cohort, onDone }: { cohort: AdminCohort; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const update = useUpdateCohort(cohort.id);
  const started = hasStarted(cohort);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(cohort),
    validate: {
      title: (v) => (v.trim() ? null : t('admin.cohorts.titleRequired')),
      startDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('admin.cohorts.dateFormat')),
      localTime: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : t('admin.cohorts.timeFormat')),
      capacity: (v) => (/^\d+$/.test(v) && Number(v) > 0 ? null : t('admin.cohorts.capacityHint')),
    },
  });
  const submit = form.onSubmit((values) => {
    setMessage(null);
    const changes = changesOf(cohort, values, started);
    if (Object.keys(changes).length === 0) {
      onDone(false);
      return;
    }
    update.mutate(changes, {
      onSuccess: () => onDone(true),
      onError: (error) => setMessage(applyProblem(form, error) ?? null),
    });
  });
  const schedule = {
    disabled: started,
    description: started ? t('admin.cohort.edit.startFixed') : undefined,
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('admin.cohorts.titleLabel')}
          required
          {...form.getInputProps('title')}
        />
        <TextInput
          label={t('admin.cohorts.capacity')}
          description={t('admin.cohort.edit.capacityHint', { enrolled: cohort.enrolledCount })}
          inputMode="numeric"
          required
          {...form.getInputProps('capacity')}
        />
        <Checkbox
          label={t('admin.cohorts.ceEligible')}
          {...form.getInputProps('ceEligible', { type: 'checkbox' })}
        />
        <TextInput
          label={t('admin.cohorts.startDate')}
          placeholder="YYYY-MM-DD"
          required
          {...form.getInputProps('startDate')}
          {...schedule}
          description={schedule.description ?? t('admin.cohorts.dateFormat')}
        />
        <TextInput
          label={t('admin.cohorts.localTime')}
          placeholder="HH:mm"
          required
          {...form.getInputProps('localTime')}
          {...schedule}
          description={schedule.description ?? t('admin.cohorts.timeFormat')}
        />
        <TimeZoneSelect
          label={t('admin.cohorts.timeZone')}
          {...form.getInputProps('timeZone')}
          {...schedule}
        />
        {!started ? <Text size="sm">{t('admin.cohort.edit.replanHint')}</Text> : null}
        <ProblemAlert message={message} />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('admin.cohort.edit.save')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('admin.cohort.edit.discard')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Edit cohort": title, capacity, CE eligibility, and the start while no session has begun. */
export function EditCohort({ cohort }: { cohort: AdminCohort }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="edit-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="edit-heading">
          {t('admin.cohort.edit.title')}
        </Title>
        {saved ? (
          <Text role="status" fw={600}>
            {t('admin.cohort.edit.saved')}
          </Text>
        ) : null}
        {editing ? (
          <EditForm
            cohort={cohort}
            onDone={(done) => {
              setEditing(false);
              setSaved(done);
            }}
          />
        ) : (
          <Group>
            <Button
              variant="outline"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('admin.cohort.edit.open')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** "Cancel cohort": asks for the reason and says who is told and what stops. */
export function CancelCohort({ cohort }: { cohort: AdminCohort }) {
  const { t } = useTranslation();
  const cancel = useCancelCohort(cohort.id);
  const [asking, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="cancel-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="cancel-heading">
          {t('admin.cohort.cancel.title')}
        </Title>
        <Text size="sm">{t('admin.cohort.cancel.hint')}</Text>
        <Group>
          <Button variant="outline" color="red.9" onClick={open}>
            {t('admin.cohort.cancel.open')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={asking}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('admin.cohort.closeDialog') }}
        title={t('admin.cohort.cancel.dialogTitle', { title: cohort.title })}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setMissing(true);
              return;
            }
            cancel.mutate(reason.trim(), { onSuccess: close });
          }}
        >
          <Stack gap="md">
            <Text>{t('admin.cohort.cancel.whatHappens')}</Text>
            <List spacing={4}>
              <List.Item>
                {t('admin.cohort.cancel.told', {
                  enrolled: cohort.enrolledCount,
                  waiting: cohort.waitlistCount,
                })}
              </List.Item>
              <List.Item>{t('admin.cohort.cancel.noMore')}</List.Item>
              <List.Item>
                {cohort.ceEligible
                  ? t('admin.cohort.cancel.noCe')
                  : t('admin.cohort.cancel.noCompletion')}
              </List.Item>
              <List.Item>{t('admin.cohort.cancel.final')}</List.Item>
            </List>
            <Textarea
              label={t('admin.cohort.cancel.reason')}
              description={t('admin.cohort.cancel.reasonHint')}
              required
              autosize
              minRows={2}
              value={reason}
              error={missing ? t('admin.cohort.cancel.reasonRequired') : undefined}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setMissing(false);
              }}
            />
            {cancel.isError ? <ProblemAlert error={cancel.error} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('admin.cohort.cancel.keep')}
              </Button>
              <Button type="submit" color="red.9" loading={cancel.isPending}>
                {t('admin.cohort.cancel.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}

/** What a cancelled cohort shows first: when, and why. */
export function CancelledNotice({ cohort }: { cohort: AdminCohort }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert
      color="red.9"
      variant="outline"
      role="status"
      title={t('admin.cohort.cancel.cancelledTitle')}
    >
      <Stack gap={4}>
        <Text>
          {t('admin.cohort.cancel.cancelledOn', {
            date: cohort.cancelledAt ? format.dateTime(cohort.cancelledAt) : '',
          })}
        </Text>
        <Text>
          {t('admin.cohort.cancel.cancelledReason', { reason: cohort.cancellationReason ?? '' })}
        </Text>
      </Stack>
    </Alert>
  );
}
