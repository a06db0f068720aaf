import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Refusal } from '../applications/unmet-list';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import {
  useMyCertifications,
  useRequestCertification,
  type CertificationRequest,
  type Designation,
} from './api';

const statusBadge = {
  pending_review: statusColor.waiting,
  approved: statusColor.done,
  rejected: statusColor.problem,
  revoked: statusColor.problem,
} as const;

const designations = [
  {
    designation: 'trained_teacher',
    heading: 'trainedHeading',
    hint: 'trainedHint',
    button: 'requestTrained',
  },
  {
    designation: 'certified_teacher',
    heading: 'certifiedHeading',
    hint: 'certifiedHint',
    button: 'requestCertified',
  },
] as const satisfies readonly {
  designation: Designation;
  heading: string;
  hint: string;
  button: string;
}[];

function RequestCard({ option }: { option: (typeof designations)[number] }) {
  const { t } = useTranslation();
  const request = useRequestCertification();
  const headingId = `designation-${option.designation}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t(`certification.${option.heading}`)}
        </Title>
        <Text size="sm">{t(`certification.${option.hint}`)}</Text>
        {request.isError ? <Refusal error={request.error} /> : null}
        {request.isSuccess ? (
          <Text role="status" fw={600}>
            {t('certification.requested')}
          </Text>
        ) : null}
        <Group>
          <Button loading={request.isPending} onClick={() => request.mutate(option.designation)}>
            {t(`certification.${option.button}`)}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function RequestItem({ item }: { item: CertificationRequest }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder component="li" padding="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{t(`certification.designation.${item.designation}`)}</Text>
          <Badge color={statusBadge[item.status]} variant="filled">
            {t(`certification.status.${item.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('certification.requestedOn', { date: format.dateTime(item.createdAt) })}
        </Text>
        {item.note ? <Text size="sm">{t('certification.note', { note: item.note })}</Text> : null}
        {item.status === 'approved' ? (
          <AnchorLink to="/credentials" size="sm">
            {t('certification.seeCredentials')}
          </AnchorLink>
        ) : null}
      </Stack>
    </Card>
  );
}

export function CertificationPage() {
  const { t } = useTranslation();
  const requests = useMyCertifications();
  return (
    <Page title={t('certification.title')} intro={t('certification.intro')}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {designations.map((option) => (
          <RequestCard key={option.designation} option={option} />
        ))}
      </SimpleGrid>
      <Stack component="section" aria-labelledby="requests-heading" gap="sm">
        <Title order={2} size="h3" id="requests-heading">
          {t('certification.listHeading')}
        </Title>
        {requests.isPending ? <PageLoader /> : null}
        {requests.isError ? <ProblemAlert error={requests.error} /> : null}
        {requests.data?.length === 0 ? <Text>{t('certification.empty')}</Text> : null}
        {requests.data?.length ? (
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            aria-labelledby="requests-heading"
            style={{ listStyle: 'none' }}
          >
            {requests.data.map((item) => (
              <RequestItem key={item.id} item={item} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Page>
  );
}
