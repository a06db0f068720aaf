import { Card, List, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Stage } from '../pathway/progress-page';
import { AnchorLink } from '../ui/app-link';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { useMentorPracticums, useTraineeProgress } from './api';

const route = getRouteApi('/signed-in/mentor/mentees/$traineeId');

/** A mentee's pathway as the trainee sees it, without the links to the trainee's own pages. */
export function TraineeProgressPage() {
  const { t } = useTranslation();
  const { traineeId } = route.useParams();
  const progress = useTraineeProgress(traineeId);
  const practicums = useMentorPracticums();
  const name = practicums.data?.items.find((p) => p.traineeId === traineeId)?.traineeName;
  return (
    <Page
      title={name ? t('mentees.trainee.title', { name }) : t('mentees.trainee.loadingTitle')}
      intro={t('mentees.trainee.readOnly')}
    >
      <AnchorLink to="/mentees">{t('mentees.trainee.back')}</AnchorLink>
      {progress.isPending ? <PageLoader /> : null}
      {progress.isError ? <ProblemAlert error={progress.error} /> : null}
      {progress.data ? (
        <>
          <Text fw={600}>
            {t('mentees.trainee.overall', { percent: progress.data.percentComplete })}
          </Text>
          <Card withBorder component="section" aria-labelledby="next-steps" padding="lg">
            <Stack gap="sm">
              <Title order={2} id="next-steps" size="h3">
                {t('mentees.trainee.nextSteps')}
              </Title>
              {progress.data.nextSteps.length === 0 ? (
                <Text>{t('mentees.trainee.noNextSteps')}</Text>
              ) : (
                <List spacing="xs">
                  {progress.data.nextSteps.map((step, i) => (
                    <List.Item key={i}>{step}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Card>
          {progress.data.stages.map((stage) => (
            <Stage key={stage.key} stage={stage} />
          ))}
        </>
      ) : null}
    </Page>
  );
}
