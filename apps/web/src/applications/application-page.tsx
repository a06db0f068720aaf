import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { useMyApplications, useSubmitApplication, type Application } from './api';
import { Refusal } from './unmet-list';

const statusBadge = {
  submitted: statusColor.waiting,
  approved: statusColor.done,
  rejected: statusColor.problem,
} as const;

function ApplicationItem({ application }: { application: Application }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder component="li" padding="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>
            {t('applications.application.submittedOn', {
              date: format.dateTime(application.createdAt),
            })}
          </Text>
          <Badge color={statusBadge[application.status]} variant="filled">
            {t(`applications.application.status.${application.status}`)}
          </Badge>
        </Group>
        <Text size="sm">{application.statement}</Text>
        {application.decisionNote ? (
          <Text size="sm">
            {t('applications.application.note', { note: application.decisionNote })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ApplicationPage() {
  const { t } = useTranslation();
  const applications = useMyApplications();
  const submit = useSubmitApplication();
  const [statement, setStatement] = useState('');
  const fieldError =
    submit.error instanceof ApiProblem ? submit.error.fieldError('statement') : undefined;
  const refused = submit.isError && !fieldError;

  return (
    <Page title={t('applications.application.title')} intro={t('applications.application.intro')}>
      <Card withBorder component="section" aria-labelledby="apply-heading" padding="lg">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit.mutate(statement, { onSuccess: () => setStatement('') });
          }}
        >
          <Stack gap="md">
            <Title order={2} size="h3" id="apply-heading">
              {t('applications.application.formHeading')}
            </Title>
            <Textarea
              label={t('applications.application.statement')}
              description={t('applications.application.statementHint')}
              value={statement}
              onChange={(e) => setStatement(e.currentTarget.value)}
              error={fieldError}
              autosize
              minRows={4}
              required
            />
            {refused ? <Refusal error={submit.error} /> : null}
            {submit.isSuccess ? (
              <Text role="status" fw={600}>
                {t('applications.application.submitted')}
              </Text>
            ) : null}
            <Group>
              <Button type="submit" loading={submit.isPending}>
                {t('applications.application.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Stack component="section" aria-labelledby="applications-heading" gap="sm">
        <Title order={2} size="h3" id="applications-heading">
          {t('applications.application.listHeading')}
        </Title>
        {applications.isPending ? <PageLoader /> : null}
        {applications.isError ? <ProblemAlert error={applications.error} /> : null}
        {applications.data?.length === 0 ? (
          <Text>{t('applications.application.empty')}</Text>
        ) : null}
        {applications.data?.length ? (
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            aria-labelledby="applications-heading"
            style={{ listStyle: 'none' }}
          >
            {applications.data.map((application) => (
              <ApplicationItem key={application.id} application={application} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Page>
  );
}
