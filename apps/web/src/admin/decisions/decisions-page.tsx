import {
  Badge,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { useFormat } from '../../ui/format';
import { Page, PageLoader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { statusColor } from '../../ui/theme';
import { ApplicantProgress, AttestationEvidence, CertificationEvidence } from './evidence-panels';
import {
  type Decided,
  DECISION_KINDS,
  type DecisionKind,
  type QueueItem,
  useDecide,
  useDecided,
  useWaitingApplications,
  useWaitingAttestations,
  useWaitingCertifications,
  type Verdict,
} from './use-decisions';

type Show = 'all' | DecisionKind;

/** The words for what an item is about: the attestation's kind or the designation asked for. */
function useSubject() {
  const { t } = useTranslation();
  return (kind: DecisionKind, subject: string | null): string => {
    if (kind === 'attestation' && subject) {
      return t(`applications.attestations.kinds.${subject as 'group_teaching'}`);
    }
    if (kind === 'certification' && subject) {
      return t(`certification.designation.${subject as 'trained_teacher'}`);
    }
    return t('decisions.kindName.application');
  };
}

const subjectOf = (target: QueueItem): string | null =>
  target.kind === 'attestation'
    ? target.item.kind
    : target.kind === 'certification'
      ? target.item.designation
      : null;

/** What the page says once an item is decided. */
function decidedMessageKey(kind: DecisionKind, verdict: Verdict) {
  if (verdict === 'reject') return `decisions.decidedMessage.${kind}_rejected` as const;
  return kind === 'attestation'
    ? ('decisions.decidedMessage.attestation_verified' as const)
    : (`decisions.decidedMessage.${kind}_approved` as const);
}

function QueueCard({
  target,
  onDecided,
}: {
  target: QueueItem;
  onDecided: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const subject = useSubject();
  const decide = useDecide();
  const headingId = useId();
  const [note, setNote] = useState('');
  const [asked, setAsked] = useState<Verdict | null>(null);
  const { item } = target;
  const what = subject(target.kind, subjectOf(target));
  const name = item.traineeName;

  const send = (verdict: Verdict) => {
    setAsked(verdict);
    decide.mutate(
      { target, verdict, note },
      { onSuccess: () => onDecided(t(decidedMessageKey(target.kind, verdict), { name, what })) },
    );
  };
  const conflict = decide.error instanceof ApiProblem && decide.error.status === 409;

  return (
    <Card withBorder component="li" padding="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {t('decisions.itemHeading', { kind: t(`decisions.kindName.${target.kind}`), name })}
            </Title>
            <Text size="sm">{t('decisions.waitingFor', { date: dateTime(item.createdAt) })}</Text>
          </Stack>
          <Badge color={statusColor.waiting} variant="filled">
            {t(`decisions.kindName.${target.kind}`)}
          </Badge>
        </Group>

        {target.kind === 'attestation' ? (
          <>
            <Text size="sm" fw={600}>
              {t('decisions.attests', { what })}
            </Text>
            <Statement text={target.item.statement} />
            <AttestationEvidence attestation={target.item} what={what} />
          </>
        ) : null}
        {target.kind === 'application' ? (
          <>
            <Statement text={target.item.statement} />
            <ApplicantProgress traineeId={target.item.traineeId} name={name} />
          </>
        ) : null}
        {target.kind === 'certification' ? (
          <>
            <Text size="sm" fw={600}>
              {t('decisions.designation', { designation: what })}
            </Text>
            <CertificationEvidence request={target.item} />
          </>
        ) : null}

        <Textarea
          label={t('decisions.note')}
          description={t('decisions.noteHint')}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {decide.isError ? (
          <ProblemAlert
            error={decide.error}
            message={conflict ? t('decisions.decidedElsewhere') : undefined}
          />
        ) : null}
        <Group gap="sm" wrap="wrap">
          <Button
            color={statusColor.done}
            aria-describedby={headingId}
            loading={decide.isPending && asked === 'accept'}
            disabled={decide.isPending}
            onClick={() => send('accept')}
          >
            {target.kind === 'attestation' ? t('decisions.verify') : t('decisions.approve')}
          </Button>
          <Button
            variant="outline"
            color={statusColor.problem}
            aria-describedby={headingId}
            loading={decide.isPending && asked === 'reject'}
            disabled={decide.isPending}
            onClick={() => send('reject')}
          >
            {t('decisions.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Statement({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {t('decisions.statement')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </Stack>
  );
}

function DecidedRow({ entry }: { entry: Decided }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const subject = useSubject();
  const headingId = `decided-${entry.kind}-${entry.id}`;
  const accepted = entry.outcome !== 'rejected';
  return (
    <Card withBorder component="li" padding="sm" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <Text fw={600} id={headingId} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {t('decisions.itemHeading', {
              kind: t(`decisions.kindName.${entry.kind}`),
              name: entry.traineeName,
            })}
          </Text>
          <Badge color={accepted ? statusColor.done : statusColor.problem} variant="filled">
            {t(`decisions.outcome.${entry.outcome}`)}
          </Badge>
        </Group>
        {entry.kind !== 'application' ? (
          <Text size="sm">{subject(entry.kind, entry.subject)}</Text>
        ) : null}
        <Text size="sm">
          {t('decisions.decidedLine', {
            outcome: t(`decisions.outcome.${entry.outcome}`),
            date: dateTime(entry.decidedAt),
            by: entry.decidedByName ?? t('decisions.unknownAdmin'),
          })}
        </Text>
        {entry.note ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('decisions.decidedNote', { note: entry.note })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function DecidedSection() {
  const { t } = useTranslation();
  const decided = useDecided();
  return (
    <section aria-labelledby="decided-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="decided-heading">
          {t('decisions.decidedHeading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('decisions.decidedIntro')}
        </Text>
        {decided.isError ? <ProblemAlert error={decided.error} /> : null}
        {decided.isPending ? <PageLoader /> : null}
        {decided.data?.length === 0 ? <Text>{t('decisions.decidedEmpty')}</Text> : null}
        {decided.data?.length ? (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {decided.data.map((entry) => (
              <DecidedRow key={`${entry.kind}-${entry.id}`} entry={entry} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </section>
  );
}

export function DecisionsPage() {
  const { t } = useTranslation();
  const attestations = useWaitingAttestations();
  const applications = useWaitingApplications();
  const certifications = useWaitingCertifications();
  const [show, setShow] = useState<Show>('all');
  const [message, setMessage] = useState<string | null>(null);
  // Decided here: out of the queue at once, before the lists come back without them.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const messageRef = useRef<HTMLDivElement>(null);
  const lists = {
    attestation: attestations,
    application: applications,
    certification: certifications,
  };
  const loading = DECISION_KINDS.some((kind) => lists[kind].isPending);
  const totals = {
    attestation: attestations.data?.total ?? 0,
    application: applications.data?.total ?? 0,
    certification: certifications.data?.total ?? 0,
  };
  const shownCount = {
    attestation: attestations.data?.items.length ?? 0,
    application: applications.data?.items.length ?? 0,
    certification: certifications.data?.items.length ?? 0,
  };
  const all = totals.attestation + totals.application + totals.certification;

  const queue: QueueItem[] = [
    ...(attestations.data?.items ?? []).map((item): QueueItem => ({ kind: 'attestation', item })),
    ...(applications.data?.items ?? []).map((item): QueueItem => ({ kind: 'application', item })),
    ...(certifications.data?.items ?? []).map((item): QueueItem => ({
      kind: 'certification',
      item,
    })),
  ]
    .filter((entry) => !gone.has(entry.item.id))
    .filter((entry) => show === 'all' || entry.kind === show)
    .sort((a, b) => a.item.createdAt.localeCompare(b.item.createdAt));
  const truncated = DECISION_KINDS.filter(
    (kind) => (show === 'all' || show === kind) && totals[kind] > shownCount[kind],
  );

  return (
    <Page title={t('nav.adminDecisions')} intro={t('decisions.intro')}>
      <div ref={messageRef} tabIndex={-1} role="status" style={{ outline: 'none' }}>
        {message ? (
          <Text size="sm" c="teal.9" fw={600}>
            {message}
          </Text>
        ) : null}
      </div>
      <section aria-labelledby="queue-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="queue-heading">
            {t('decisions.queueHeading')}
          </Title>
          {DECISION_KINDS.map((kind) =>
            lists[kind].isError ? <ProblemAlert key={kind} error={lists[kind].error} /> : null,
          )}
          {loading ? <PageLoader /> : null}
          {!loading ? (
            <>
              <List aria-label={t('decisions.countsLabel')} size="sm" listStyleType="none" p={0}>
                {DECISION_KINDS.map((kind) => (
                  <List.Item key={kind}>
                    {t(`decisions.count.${kind}`, { count: totals[kind] })}
                  </List.Item>
                ))}
              </List>
              <NativeSelect
                label={t('decisions.show')}
                value={show}
                onChange={(event) => setShow(event.currentTarget.value as Show)}
                data={[
                  { value: 'all', label: t('decisions.showAll', { count: all }) },
                  ...DECISION_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`decisions.showKind.${kind}`, { count: totals[kind] }),
                  })),
                ]}
                w="fit-content"
                maw="100%"
              />
              {queue.length === 0 ? (
                <Text>
                  {show === 'all' ? t('decisions.queueEmpty') : t('decisions.queueEmptyKind')}
                </Text>
              ) : (
                <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                  {queue.map((target) => (
                    <QueueCard
                      key={`${target.kind}-${target.item.id}`}
                      target={target}
                      onDecided={(text) => {
                        setGone((ids) => new Set(ids).add(target.item.id));
                        setMessage(text);
                        messageRef.current?.focus();
                      }}
                    />
                  ))}
                </Stack>
              )}
              {truncated.map((kind) => (
                <Text key={kind} size="sm">
                  {t(`decisions.kindName.${kind}`)}:{' '}
                  {t('decisions.moreWaiting', { shown: shownCount[kind], total: totals[kind] })}
                </Text>
              ))}
            </>
          ) : null}
        </Stack>
      </section>
      <DecidedSection />
    </Page>
  );
}
