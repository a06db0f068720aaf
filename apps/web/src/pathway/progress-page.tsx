import { Badge, Card, Group, List, Progress as Bar, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { stagePercent, useProgress, type Progress, type StageProgress } from './use-progress';

const stageColor = {
  completed: statusColor.done,
  in_progress: statusColor.active,
  locked: statusColor.waiting,
} as const;

function NextSteps({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const actions = progress.nextActions.length
    ? progress.nextActions
    : progress.nextSteps.map((text) => ({ text, target: null }));
  return (
    <Card withBorder component="section" aria-labelledby="next-steps" padding="lg">
      <Title order={2} id="next-steps" size="h3" mb="sm">
        {t('pathway.nextSteps')}
      </Title>
      {actions.length === 0 ? (
        <Text>{t('pathway.noNextSteps')}</Text>
      ) : (
        <List spacing="xs">
          {actions.map((action, i) => (
            <List.Item key={i}>
              {action.target ? <AppLink to={action.target}>{action.text}</AppLink> : action.text}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

export function Stage({ stage }: { stage: StageProgress }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const percent = stagePercent(stage);
  const headingId = `stage-${stage.key}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Title order={2} size="h3" id={headingId}>
            {stage.title}
          </Title>
          <Badge color={stageColor[stage.status]} variant="filled">
            {t(`pathway.stageStatus.${stage.status}`)}
          </Badge>
        </Group>
        <Bar.Root
          size="lg"
          role="progressbar"
          aria-label={stage.title}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%`}
        >
          <Bar.Section value={percent} withAria={false} color={stageColor[stage.status]} />
        </Bar.Root>
        {stage.completedAt ? (
          <Text size="sm" c="dimmed">
            {t('pathway.stageStatus.completed')}: {date(stage.completedAt)}
          </Text>
        ) : null}
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {stage.requirements.map((requirement) => (
            <Group
              component="li"
              key={requirement.key}
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              gap="sm"
            >
              <Stack gap={2}>
                <Text fw={600}>{requirement.title}</Text>
                <Text size="sm" c="dimmed">
                  {requirement.detail}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                <Text size="sm" fw={600}>
                  {requirement.have} / {requirement.need}
                </Text>
                <Badge
                  color={requirement.met ? statusColor.done : statusColor.waiting}
                  variant="filled"
                  size="sm"
                >
                  {requirement.met ? t('common.met') : t('common.notMet')}
                </Badge>
              </Stack>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

export function ProgressPage() {
  const { t } = useTranslation();
  const progress = useProgress();
  return (
    <Page
      title={t('pathway.title')}
      intro={
        progress.data ? t('pathway.overall', { percent: progress.data.percentComplete }) : undefined
      }
    >
      {progress.isPending ? <PageLoader /> : null}
      {progress.isError ? <ProblemAlert error={progress.error} /> : null}
      {progress.data ? (
        <>
          {progress.data.designation ? (
            <Text fw={600}>
              {t('pathway.designation', { designation: progress.data.designation })}
            </Text>
          ) : null}
          <NextSteps progress={progress.data} />
          {progress.data.stages.map((stage) => (
            <Stage key={stage.key} stage={stage} />
          ))}
        </>
      ) : null}
    </Page>
  );
}
