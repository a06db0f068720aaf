import {
  Badge,
  Button,
  Card,
  Group,
  Input,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import {
  attestationKinds,
  useMyAttestations,
  useSubmitAttestation,
  type Attestation,
  type AttestationKind,
} from './api';

const statusBadge = {
  pending: statusColor.waiting,
  verified: statusColor.done,
  rejected: statusColor.problem,
} as const;

type Field = 'kind' | 'statement' | 'evidence';

function AttestationForm() {
  const { t } = useTranslation();
  const evidenceId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<AttestationKind>('daily_practice_2y');
  const [statement, setStatement] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const submit = useSubmitAttestation();

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFieldErrors({});
    setSent(false);
    const evidence = fileRef.current?.files?.[0] ?? null;
    submit.mutate(
      { kind, statement, evidence },
      {
        onSuccess: () => {
          setSent(true);
          setStatement('');
          if (fileRef.current) fileRef.current.value = '';
        },
        onError: (error) => {
          if (!(error instanceof ApiProblem)) {
            setMessage(t('common.somethingWrong'));
            return;
          }
          const placed: Partial<Record<Field, string>> = {};
          for (const { field, message: text } of error.problem.errors ?? []) {
            if (field === 'kind' || field === 'statement' || field === 'evidence')
              placed[field] = text;
          }
          setFieldErrors(placed);
          const all = error.problem.errors?.length ?? 0;
          setMessage(
            all > 0 && Object.keys(placed).length === all
              ? null
              : (error.problem.detail ?? error.problem.title ?? null),
          );
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="attest-heading" padding="lg">
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <Title order={2} size="h3" id="attest-heading">
            {t('applications.attestations.formHeading')}
          </Title>
          <NativeSelect
            label={t('applications.attestations.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as AttestationKind)}
            data={attestationKinds.map((value) => ({
              value,
              label: t(`applications.attestations.kinds.${value}`),
            }))}
            error={fieldErrors.kind}
            required
          />
          <Textarea
            label={t('applications.attestations.statement')}
            description={t('applications.attestations.statementHint')}
            value={statement}
            onChange={(e) => setStatement(e.currentTarget.value)}
            error={fieldErrors.statement}
            autosize
            minRows={3}
            required
          />
          <Input.Wrapper
            id={evidenceId}
            label={t('applications.attestations.evidence')}
            description={t('applications.attestations.evidenceHint')}
            error={fieldErrors.evidence}
            required
          >
            <Input
              id={evidenceId}
              ref={fileRef}
              type="file"
              accept="application/pdf,image/png,image/jpeg,image/webp,image/heic"
              aria-describedby={`${evidenceId}-description${fieldErrors.evidence ? ` ${evidenceId}-error` : ''}`}
              error={fieldErrors.evidence ? true : undefined}
              required
            />
          </Input.Wrapper>
          <ProblemAlert message={message} />
          {sent ? (
            <Text role="status" fw={600}>
              {t('applications.attestations.submitted')}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t('applications.attestations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function AttestationItem({ attestation }: { attestation: Attestation }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder component="li" padding="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{t(`applications.attestations.kinds.${attestation.kind}`)}</Text>
          <Badge color={statusBadge[attestation.status]} variant="filled">
            {t(`applications.attestations.status.${attestation.status}`)}
          </Badge>
        </Group>
        <Text size="sm">{attestation.statement}</Text>
        <Text size="sm" c="dimmed">
          {t('applications.attestations.submittedOn', {
            date: format.dateTime(attestation.createdAt),
          })}
          {attestation.decidedAt
            ? ` · ${t('applications.attestations.decidedOn', { date: format.dateTime(attestation.decidedAt) })}`
            : ''}
        </Text>
        {attestation.evidence?.fileName ? (
          <Text size="sm" c="dimmed">
            {t('applications.attestations.evidenceFile', {
              name: attestation.evidence.fileName,
            })}
          </Text>
        ) : null}
        {attestation.decisionNote ? (
          <Text size="sm">
            {t('applications.attestations.note', { note: attestation.decisionNote })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function AttestationsPage() {
  const { t } = useTranslation();
  const attestations = useMyAttestations();
  return (
    <Page title={t('applications.attestations.title')} intro={t('applications.attestations.intro')}>
      <AttestationForm />
      <Stack component="section" aria-labelledby="attestations-heading" gap="sm">
        <Title order={2} size="h3" id="attestations-heading">
          {t('applications.attestations.listHeading')}
        </Title>
        {attestations.isPending ? <PageLoader /> : null}
        {attestations.isError ? <ProblemAlert error={attestations.error} /> : null}
        {attestations.data?.length === 0 ? (
          <Text>{t('applications.attestations.empty')}</Text>
        ) : null}
        {attestations.data?.length ? (
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            aria-labelledby="attestations-heading"
            style={{ listStyle: 'none' }}
          >
            {attestations.data.map((attestation) => (
              <AttestationItem key={attestation.id} attestation={attestation} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Page>
  );
}
