import { Alert, Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { useMyCeCredits, type CeCredit } from './use-ce-credits';

function CreditCard({ credit }: { credit: CeCredit }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const headingId = `ce-credit-${credit.id}`;
  return (
    <Card withBorder component="li" padding="lg" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h3" id={headingId}>
          {credit.courseTitle}
        </Title>
        <Group gap="lg" wrap="wrap">
          <Text>
            <Text component="span" fw={700}>
              {t('ceCredits.hours', { count: credit.hours })}
            </Text>
          </Text>
          <Text>
            {t('ceCredits.certificateNumber')}{' '}
            <Text component="span" fw={700} ff="monospace">
              {credit.certificateNumber}
            </Text>
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {credit.courseCode} · {t('ceCredits.issued', { when: date(credit.issuedAt) })}
        </Text>
        <Anchor href={credit.certificateUrl} target="_blank" rel="noopener" w="fit-content">
          {t('ceCredits.download')}
        </Anchor>
      </Stack>
    </Card>
  );
}

export function CeCreditsPage() {
  const { t } = useTranslation();
  const credits = useMyCeCredits();
  const total = credits.data?.items.reduce((sum, c) => sum + c.hours, 0) ?? 0;
  return (
    <Page title={t('ceCredits.title')} intro={t('ceCredits.intro')}>
      {credits.isPending ? <PageLoader /> : null}
      {credits.isError ? <ProblemAlert error={credits.error} /> : null}
      {credits.data?.items.length === 0 ? (
        <Alert color="gray" variant="outline" title={t('ceCredits.empty.title')}>
          {t('ceCredits.empty.body')} <AppLink to="/cohorts">{t('ceCredits.empty.link')}</AppLink>
        </Alert>
      ) : null}
      {credits.data?.items.length ? (
        <>
          <Text fw={600}>{t('ceCredits.total', { count: total })}</Text>
          <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
            {credits.data.items.map((credit) => (
              <CreditCard key={credit.id} credit={credit} />
            ))}
          </Stack>
        </>
      ) : null}
    </Page>
  );
}
