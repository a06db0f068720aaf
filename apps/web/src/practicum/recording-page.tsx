import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { MediaPlayer, type MediaPlayerHandle } from '../ui/media-player';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { recordingStatusColor } from './practicum-page';
import { clock, useRecording, useRubric, type Recording, type Rubric } from './use-practicum';

const route = getRouteApi('/signed-in/trainee/practicum/recordings/$recordingId');

type Review = NonNullable<Recording['review']>;

function Scores({ review, rubric }: { review: Review; rubric: Rubric }) {
  const { t } = useTranslation();
  const levels = new Map(rubric.levels.map((level) => [level.key, level]));
  const scores = review.scores as Record<string, string>;
  return (
    <Card withBorder component="section" aria-labelledby="scores-heading" padding="lg">
      <Title order={2} size="h3" id="scores-heading" mb="sm">
        {t('practicum.review.scores')}
      </Title>
      <Table.ScrollContainer minWidth={280}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('practicum.review.domain')}</Table.Th>
              <Table.Th scope="col">{t('practicum.review.level')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rubric.domains.map((domain) => {
              const level = levels.get(scores[domain.key] ?? '');
              return (
                <Table.Tr key={domain.key}>
                  <Table.Th scope="row" fw={500}>
                    {domain.title}
                  </Table.Th>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm">{level?.title ?? scores[domain.key]}</Text>
                      {level && !level.competent ? (
                        <Badge color={statusColor.waiting} variant="filled" size="sm">
                          {t('practicum.review.belowCompetent')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

export function RecordingPage() {
  const { t } = useTranslation();
  const { recordingId } = route.useParams();
  const { dateTime } = useFormat();
  const recording = useRecording(recordingId);
  const rubric = useRubric();
  const player = useRef<MediaPlayerHandle>(null);

  const title = recording.data
    ? t('practicum.review.title', { session: recording.data.sessionNumber })
    : t('practicum.review.loadingTitle');

  return (
    <Page title={title}>
      <AnchorLink to="/practicum">{t('practicum.review.back')}</AnchorLink>
      {recording.isPending || rubric.isPending ? <PageLoader /> : null}
      {recording.isError ? <ProblemAlert error={recording.error} /> : null}
      {rubric.isError ? <ProblemAlert error={rubric.error} /> : null}
      {recording.data && rubric.data ? (
        <>
          <Stack gap={4}>
            <Group gap="sm" wrap="wrap">
              <Text fw={600}>
                {recording.data.courseTitle}: {recording.data.cohortTitle}
              </Text>
              <Badge color={recordingStatusColor[recording.data.status]} variant="filled">
                {t(`practicum.status.${recording.data.status}`)}
              </Badge>
            </Group>
            {recording.data.sessionStartsAt ? (
              <Text size="sm" c="dimmed">
                {t('practicum.review.heldAt', { when: dateTime(recording.data.sessionStartsAt) })}
              </Text>
            ) : null}
          </Stack>
          <MediaPlayer
            ref={player}
            recordingId={recording.data.id}
            contentType={recording.data.contentType}
            label={t('practicum.player.label', { session: recording.data.sessionNumber })}
          />
          {recording.data.review ? (
            <>
              <Card withBorder component="section" aria-labelledby="review-heading" padding="lg">
                <Stack gap="xs">
                  <Title order={2} size="h3" id="review-heading">
                    {t('practicum.review.heading')}
                  </Title>
                  <Text fw={600}>{t(`practicum.outcome.${recording.data.review.outcome}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t('practicum.review.by', {
                      name: recording.data.review.reviewerName ?? t('practicum.review.aMentor'),
                      when: dateTime(recording.data.review.createdAt),
                    })}
                  </Text>
                  <Text>{recording.data.review.summary}</Text>
                </Stack>
              </Card>
              <Scores review={recording.data.review} rubric={rubric.data} />
              <Card withBorder component="section" aria-labelledby="comments-heading" padding="lg">
                <Title order={2} size="h3" id="comments-heading" mb="xs">
                  {t('practicum.review.comments')}
                </Title>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('practicum.review.commentsHint')}
                </Text>
                {recording.data.review.comments.length === 0 ? (
                  <Text>{t('practicum.review.noComments')}</Text>
                ) : (
                  <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                    {recording.data.review.comments.map((comment, i) => (
                      <li key={i}>
                        <Button
                          variant="default"
                          fullWidth
                          justify="flex-start"
                          h="auto"
                          py="xs"
                          styles={{ label: { whiteSpace: 'normal' } }}
                          onClick={() => player.current?.seek(comment.atSeconds)}
                          aria-label={t('practicum.review.commentAt', {
                            time: clock(comment.atSeconds),
                            text: comment.text,
                          })}
                        >
                          <Group gap="sm" wrap="nowrap" align="flex-start">
                            <Text component="span" fw={700} ff="monospace">
                              {clock(comment.atSeconds)}
                            </Text>
                            <Text component="span" ta="left">
                              {comment.text}
                            </Text>
                          </Group>
                        </Button>
                      </li>
                    ))}
                  </Stack>
                )}
              </Card>
            </>
          ) : (
            <Text c="dimmed">{t('practicum.review.notYet')}</Text>
          )}
        </>
      ) : null}
    </Page>
  );
}
