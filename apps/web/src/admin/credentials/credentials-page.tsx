import {
  Anchor,
  Badge,
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
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { Page, PageLoader } from '../../ui/page';
import { OffsetPager } from '../../ui/pager';
import { ProblemAlert } from '../../ui/problem';
import { useFormat } from '../../ui/format';
import { statusColor } from '../../ui/theme';
import {
  type AdminCeCredit,
  type AdminCredential,
  CE_PAGE_SIZE,
  CREDENTIAL_STATUSES,
  type CredentialStatus,
  DESIGNATIONS,
  type Designation,
  downloadCeRoster,
  PAGE_SIZE,
  useAdminCredentials,
  useCeCohorts,
  useChangeCredentialStatus,
  useCohortCeCredits,
  useReissueCeCredits,
} from './use-admin-credentials';

const credentialStatusColor: Record<CredentialStatus, string> = {
  active: statusColor.done,
  suspended: statusColor.waiting,
  revoked: statusColor.problem,
};

/** How long the CE list is read again after a re-issue, while the worker issues. */
const REISSUE_POLL_MS = 20_000;

function Done({ children }: { children: string }) {
  return (
    <Text role="status" size="sm" c="teal.9">
      {children}
    </Text>
  );
}

/** The confirmation of a suspension or revocation, with its required reason. */
function ReasonDialog({
  credential,
  to,
  opened,
  onClose,
  onChanged,
}: {
  credential: AdminCredential;
  to: 'suspended' | 'revoked';
  opened: boolean;
  onClose: () => void;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const change = useChangeCredentialStatus();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const names = {
    name: credential.holderName,
    designation: t(`adminCredentials.designationOf.${credential.designation}`),
  };
  const revoking = to === 'revoked';
  const close = () => {
    change.reset();
    setError(null);
    setReason('');
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      closeButtonProps={{ 'aria-label': t('adminCredentials.closeDialog') }}
      title={t(revoking ? 'adminCredentials.revokeTitle' : 'adminCredentials.suspendTitle', names)}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const text = reason.trim();
          if (!text) {
            setError(t('adminCredentials.reasonRequired'));
            return;
          }
          setError(null);
          change.mutate(
            { id: credential.id, to, reason: text },
            {
              onSuccess: () => {
                onChanged(t(`adminCredentials.changed.${to}`, names));
                close();
              },
            },
          );
        }}
      >
        <Stack gap="md">
          <Text>
            {t(revoking ? 'adminCredentials.revokeBody' : 'adminCredentials.suspendBody')}
          </Text>
          <Textarea
            label={t('adminCredentials.reason')}
            description={t(
              revoking ? 'adminCredentials.revokeHint' : 'adminCredentials.suspendHint',
            )}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={
              error ??
              (change.error instanceof ApiProblem ? change.error.fieldError('reason') : undefined)
            }
            data-autofocus
          />
          {change.isError &&
          !(change.error instanceof ApiProblem && change.error.fieldError('reason')) ? (
            <ProblemAlert error={change.error} />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('adminCredentials.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={change.isPending}>
              {t(revoking ? 'adminCredentials.revokeConfirm' : 'adminCredentials.suspendConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CredentialCard({
  credential,
  onChanged,
}: {
  credential: AdminCredential;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormat();
  const headingId = useId();
  const reinstate = useChangeCredentialStatus();
  const [asking, setAsking] = useState<'suspended' | 'revoked' | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  const status = credential.status as CredentialStatus;
  const names = {
    name: credential.holderName,
    designation: t(`adminCredentials.designationOf.${credential.designation}`),
  };
  const ask = (to: 'suspended' | 'revoked') => {
    setAsking(to);
    open();
  };
  return (
    <Card withBorder component="li" padding="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} size="h4" id={headingId}>
              {credential.holderName}
            </Title>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {credential.holderEmail}
            </Text>
          </Stack>
          <Badge color={credentialStatusColor[status]} variant="filled">
            {t(`adminCredentials.statusOf.${status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {names.designation} · {t('adminCredentials.issued', { when: date(credential.issuedAt) })}
        </Text>
        {credential.suspendedAt ? (
          <Text size="sm">
            {t('adminCredentials.suspendedOn', { when: dateTime(credential.suspendedAt) })}
          </Text>
        ) : null}
        {credential.revokedAt ? (
          <Text size="sm">
            {t('adminCredentials.revokedOn', { when: dateTime(credential.revokedAt) })}
          </Text>
        ) : null}
        {credential.reason ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('adminCredentials.reasonLine', { reason: credential.reason })}
          </Text>
        ) : null}
        <Anchor
          href={credential.verificationUrl}
          target="_blank"
          rel="noopener"
          size="sm"
          w="fit-content"
        >
          {t('adminCredentials.verification')}
          <VisuallyHidden> ({t('adminCredentials.newTab')})</VisuallyHidden>
        </Anchor>
        {status !== 'revoked' ? (
          <Group gap="sm" wrap="wrap">
            {status === 'active' ? (
              <Button
                variant="outline"
                w="fit-content"
                aria-label={t('adminCredentials.suspendOf', names)}
                onClick={() => ask('suspended')}
              >
                {t('adminCredentials.suspend')}
              </Button>
            ) : (
              <Button
                variant="outline"
                w="fit-content"
                loading={reinstate.isPending}
                aria-label={t('adminCredentials.reinstateOf', names)}
                onClick={() =>
                  reinstate.mutate(
                    { id: credential.id, to: 'active' },
                    { onSuccess: () => onChanged(t('adminCredentials.changed.active', names)) },
                  )
                }
              >
                {t('adminCredentials.reinstate')}
              </Button>
            )}
            <Button
              variant="outline"
              color="red.9"
              w="fit-content"
              aria-label={t('adminCredentials.revokeOf', names)}
              onClick={() => ask('revoked')}
            >
              {t('adminCredentials.revoke')}
            </Button>
          </Group>
        ) : null}
        {reinstate.isError ? <ProblemAlert error={reinstate.error} /> : null}
      </Stack>
      {asking ? (
        <ReasonDialog
          credential={credential}
          to={asking}
          opened={opened}
          onClose={close}
          onChanged={onChanged}
        />
      ) : null}
    </Card>
  );
}

function IssuedCredentials() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CredentialStatus | null>(null);
  const [designation, setDesignation] = useState<Designation | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [offset, setOffset] = useState(0);
  const [changed, setChanged] = useState<string | null>(null);
  const credentials = useAdminCredentials({ status, designation, q }, offset);
  const data = credentials.data;
  const filtered = status !== null || designation !== null || q !== '';
  return (
    <section aria-labelledby="issued-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="issued-heading">
          {t('adminCredentials.listTitle')}
        </Title>
        <Group
          gap="sm"
          wrap="wrap"
          align="flex-end"
          role="search"
          aria-label={t('adminCredentials.filters')}
        >
          <NativeSelect
            label={t('adminCredentials.status')}
            value={status ?? ''}
            onChange={(event) => {
              setStatus((event.currentTarget.value || null) as CredentialStatus | null);
              setOffset(0);
            }}
            data={[
              { value: '', label: t('adminCredentials.any') },
              ...CREDENTIAL_STATUSES.map((value) => ({
                value,
                label: t(`adminCredentials.statusOf.${value}`),
              })),
            ]}
            style={{ flex: '1 1 9rem' }}
          />
          <NativeSelect
            label={t('adminCredentials.designation')}
            value={designation ?? ''}
            onChange={(event) => {
              setDesignation((event.currentTarget.value || null) as Designation | null);
              setOffset(0);
            }}
            data={[
              { value: '', label: t('adminCredentials.any') },
              ...DESIGNATIONS.map((value) => ({
                value,
                label: t(`adminCredentials.designationOf.${value}`),
              })),
            ]}
            style={{ flex: '1 1 12rem' }}
          />
          <TextInput
            type="search"
            label={t('adminCredentials.search')}
            description={t('adminCredentials.searchHint')}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setOffset(0);
            }}
            style={{ flex: '2 1 16rem' }}
          />
        </Group>
        {changed ? <Done>{changed}</Done> : null}
        {credentials.isError ? <ProblemAlert error={credentials.error} /> : null}
        {credentials.isPending ? <PageLoader /> : null}
        {data ? (
          <>
            <Text size="sm" role="status">
              {data.total === 0
                ? filtered
                  ? t('adminCredentials.noMatch')
                  : t('adminCredentials.empty')
                : t('adminCredentials.showing', {
                    from: offset + 1,
                    to: offset + data.items.length,
                    total: data.total,
                  })}
            </Text>
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((credential) => (
                <CredentialCard
                  key={credential.id}
                  credential={credential}
                  onChanged={setChanged}
                />
              ))}
            </Stack>
            <OffsetPager
              offset={offset}
              pageSize={PAGE_SIZE}
              total={data.total}
              onOffsetChange={setOffset}
            />
          </>
        ) : null}
      </Stack>
    </section>
  );
}

function CeCreditItem({ credit }: { credit: AdminCeCredit }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const headingId = useId();
  return (
    <Card withBorder component="li" padding="sm" aria-labelledby={headingId}>
      <Stack gap={2}>
        <Text fw={650} id={headingId}>
          {credit.holderName}
        </Text>
        <Text size="sm">
          {t('adminCredentials.ce.hours')}: {credit.hours} ·{' '}
          {t('adminCredentials.ce.certificateNumber')}: {credit.certificateNumber}
        </Text>
        <Text size="sm">
          {t('adminCredentials.ce.license')}:{' '}
          {credit.licenseNumber ?? t('adminCredentials.ce.none')} ·{' '}
          {t('adminCredentials.ce.issued')} {date(credit.issuedAt)}
        </Text>
      </Stack>
    </Card>
  );
}

function CohortCeCredits({ cohortId, title }: { cohortId: string; title: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [polling, setPolling] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const credits = useCohortCeCredits(cohortId, offset, polling);
  const reissue = useReissueCeCredits();
  useEffect(() => {
    if (!polling) return;
    const timer = window.setTimeout(() => setPolling(false), REISSUE_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [polling]);
  const data = credits.data;
  const rosterPath = `/api/v1/cohorts/${cohortId}/ce-roster.csv`;
  return (
    <Stack gap="sm">
      <Group gap="md" wrap="wrap" align="center">
        <Anchor
          href={rosterPath}
          download
          aria-busy={downloading}
          onClick={(event) => {
            event.preventDefault();
            setDownloadError(null);
            setDownloading(true);
            downloadCeRoster(cohortId)
              .catch((error: unknown) => setDownloadError(error))
              .finally(() => setDownloading(false));
          }}
        >
          {t('adminCredentials.ce.download')}
        </Anchor>
      </Group>
      {downloadError ? (
        <ProblemAlert error={downloadError} title={t('adminCredentials.ce.downloadFailed')} />
      ) : null}
      {credits.isError ? <ProblemAlert error={credits.error} /> : null}
      {credits.isPending ? <PageLoader /> : null}
      {data ? (
        <>
          <Text size="sm" role="status">
            {data.total === 0
              ? t('adminCredentials.ce.empty')
              : t('adminCredentials.ce.showing', { count: data.total })}
          </Text>
          {data.items.length ? (
            <Stack
              component="ul"
              gap="xs"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={t('adminCredentials.ce.table', { title })}
            >
              {data.items.map((credit) => (
                <CeCreditItem key={credit.id} credit={credit} />
              ))}
            </Stack>
          ) : null}
          <OffsetPager
            offset={offset}
            pageSize={CE_PAGE_SIZE}
            total={data.total}
            onOffsetChange={setOffset}
          />
        </>
      ) : null}
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('adminCredentials.ce.reissueTitle')}
        </Title>
        <Text size="sm">{t('adminCredentials.ce.reissueHint')}</Text>
        <Button
          variant="outline"
          w="fit-content"
          loading={reissue.isPending}
          onClick={() => reissue.mutate(cohortId, { onSuccess: () => setPolling(true) })}
        >
          {t('adminCredentials.ce.reissue')}
        </Button>
        {reissue.isError ? <ProblemAlert error={reissue.error} /> : null}
        {reissue.isSuccess ? <Done>{t('adminCredentials.ce.reissueQueued')}</Done> : null}
      </Stack>
    </Stack>
  );
}

function CeCreditsSection() {
  const { t } = useTranslation();
  const { day } = useFormat();
  const cohorts = useCeCohorts();
  const [cohortId, setCohortId] = useState<string | null>(null);
  const chosen = cohorts.data?.find((cohort) => cohort.id === cohortId) ?? null;
  return (
    <Card withBorder component="section" aria-labelledby="ce-heading" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ce-heading">
          {t('adminCredentials.ce.title')}
        </Title>
        <Text size="sm">{t('adminCredentials.ce.intro')}</Text>
        {cohorts.isError ? <ProblemAlert error={cohorts.error} /> : null}
        {cohorts.isPending ? <PageLoader /> : null}
        {cohorts.data?.length === 0 ? <Text>{t('adminCredentials.ce.noCohorts')}</Text> : null}
        {cohorts.data?.length ? (
          <NativeSelect
            label={t('adminCredentials.ce.cohort')}
            value={cohortId ?? ''}
            onChange={(event) => setCohortId(event.currentTarget.value || null)}
            data={[
              { value: '', label: t('adminCredentials.ce.chooseCohort') },
              ...cohorts.data.map((cohort) => ({
                value: cohort.id,
                label: t('adminCredentials.ce.cohortOption', {
                  title: cohort.title,
                  course: cohort.course.code,
                  start: day(cohort.startDate),
                }),
              })),
            ]}
          />
        ) : null}
        {chosen ? (
          <CohortCeCredits key={chosen.id} cohortId={chosen.id} title={chosen.title} />
        ) : null}
      </Stack>
    </Card>
  );
}

export function AdminCredentialsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('adminCredentials.title')} intro={t('adminCredentials.intro')}>
      <IssuedCredentials />
      <CeCreditsSection />
    </Page>
  );
}
