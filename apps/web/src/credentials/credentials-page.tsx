import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { useMyCredentials, type Credential } from './use-credentials';

const credentialStatusColor = {
  active: statusColor.done,
  suspended: statusColor.waiting,
  revoked: statusColor.problem,
} as const;

function CredentialCard({ credential }: { credential: Credential }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const headingId = `credential-${credential.id}`;
  const designation = t(`credentials.designation.${credential.designation}`);
  return (
    <Card withBorder component="li" padding="lg" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3" id={headingId}>
            {designation}
          </Title>
          <Badge color={credentialStatusColor[credential.status]} variant="filled">
            {t(`credentials.status.${credential.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {credential.achievement} · {t('credentials.issued', { when: date(credential.issuedAt) })}
        </Text>
        {credential.status !== 'active' ? (
          <Text size="sm">{t(`credentials.statusHint.${credential.status}`)}</Text>
        ) : null}
        <Group gap="md" wrap="wrap">
          <Anchor href={credential.verificationUrl} target="_blank" rel="noopener">
            {t('credentials.verification')}
          </Anchor>
          <Anchor href={credential.pdfUrl} target="_blank" rel="noopener">
            {t('credentials.pdf')}
          </Anchor>
          <Anchor href={credential.linkedInUrl} target="_blank" rel="noopener noreferrer">
            {t('credentials.linkedIn')}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {t('credentials.newTab')}
        </Text>
      </Stack>
    </Card>
  );
}

export function CredentialsPage() {
  const { t } = useTranslation();
  const credentials = useMyCredentials();
  return (
    <Page title={t('credentials.title')} intro={t('credentials.intro')}>
      {credentials.isPending ? <PageLoader /> : null}
      {credentials.isError ? <ProblemAlert error={credentials.error} /> : null}
      {credentials.data?.items.length === 0 ? (
        <Alert color="gray" variant="outline" title={t('credentials.empty.title')}>
          {t('credentials.empty.body')}{' '}
          <AppLink to="/certification">{t('credentials.empty.link')}</AppLink>
        </Alert>
      ) : null}
      {credentials.data?.items.length ? (
        <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
          {credentials.data.items.map((credential) => (
            <CredentialCard key={credential.id} credential={credential} />
          ))}
        </Stack>
      ) : null}
    </Page>
  );
}
