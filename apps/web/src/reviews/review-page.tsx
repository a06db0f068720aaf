import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { useUser } from '../identity/session';
import {
  clock,
  useRecording,
  useRubric,
  type Recording,
  type Rubric,
} from '../practicum/use-practicum';
import { AnchorLink } from '../ui/app-link';
import { useFormat } from '../ui/format';
import { MediaPlayer, type MediaPlayerHandle } from '../ui/media-player';
import { Page, PageLoader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';
import { statusColor } from '../ui/theme';
import { useSubmitReview, type DomainKey, type LevelKey, type Scores } from './api';
import { useReviewDraft } from './draft';
import { usePlayerShortcuts } from './shortcuts';

const route = getRouteApi('/signed-in/mentor/reviews/$recordingId');

type Outcome = 'competent' | 'needs_work';

/**
 * What the chosen levels give, read from the rubric the API sends (each level's `competent`
 * flag), or null while a domain has no level yet.
 */
function outcomeOf(rubric: Rubric, scores: Partial<Record<string, string>>) {
  const levels = new Map(rubric.levels.map((level) => [level.key, level]));
  const missing = rubric.domains.filter((domain) => !scores[domain.key]);
  if (missing.length > 0) return { outcome: null, missing: missing.length, below: [] };
  const below = rubric.domains.filter((domain) => !levels.get(scores[domain.key]!)?.competent);
  const outcome: Outcome = below.length === 0 ? 'competent' : 'needs_work';
  return { outcome, missing: 0, below: below.map((domain) => domain.title) };
}

interface FieldErrors {
  scores: Partial<Record<string, string>>;
  comment?: string;
  comments?: string;
  summary?: string;
}

function Workspace({ recording, rubric }: { recording: Recording; rubric: Rubric }) {
  const { t } = useTranslation();
  const user = useUser();
  const { dateTime } = useFormat();
  const player = useRef<MediaPlayerHandle>(null);
  const playerBox = useRef<HTMLDivElement>(null);
  const { draft, setDraft, clear } = useReviewDraft(user.id, recording.id);
  const [comment, setComment] = useState('');
  const [position, setPosition] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({ scores: {} });
  const [message, setMessage] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<Outcome | null>(null);
  const submit = useSubmitReview(recording.id);

  // The shared player exposes seek and position; play/pause acts on its media element directly.
  const shortcuts = useMemo(
    () => ({
      togglePlay() {
        const media = playerBox.current?.querySelector<HTMLMediaElement>('audio, video');
        if (!media) return;
        if (media.paused) void media.play().catch(() => undefined);
        else media.pause();
      },
      skip(seconds: number) {
        const media = playerBox.current?.querySelector<HTMLMediaElement>('audio, video');
        if (!media) return;
        const end = Number.isFinite(media.duration) ? media.duration : Infinity;
        media.currentTime = Math.min(end, Math.max(0, media.currentTime + seconds));
      },
    }),
    [],
  );
  usePlayerShortcuts(shortcuts);

  const preview = outcomeOf(rubric, draft.scores);
  const comments = [...draft.comments].sort((a, b) => a.atSeconds - b.atSeconds);
  const traineeName = recording.traineeName;

  const addComment = () => {
    const text = comment.trim();
    if (!text) {
      setErrors((e) => ({ ...e, comment: t('reviews.workspace.commentRequired') }));
      return;
    }
    const atSeconds = Math.round((player.current?.currentTime() ?? position) * 10) / 10;
    setDraft((d) => ({ ...d, comments: [...d.comments, { atSeconds, text }] }));
    setComment('');
    setErrors((e) => ({ ...e, comment: undefined, comments: undefined }));
  };

  const removeComment = (index: number) => {
    const target = comments[index];
    setDraft((d) => ({ ...d, comments: d.comments.filter((c) => c !== target) }));
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const next: FieldErrors = { scores: {} };
    for (const domain of rubric.domains) {
      if (!draft.scores[domain.key as DomainKey]) {
        next.scores[domain.key] = t('reviews.workspace.pickLevel', { domain: domain.title });
      }
    }
    if (!draft.summary.trim()) next.summary = t('reviews.workspace.summaryRequired');
    setErrors(next);
    if (Object.keys(next.scores).length > 0 || next.summary) return;
    submit.mutate(
      { scores: draft.scores as Scores, comments, summary: draft.summary.trim() },
      {
        onSuccess: (answer) => {
          clear();
          setSubmitted(answer.outcome);
        },
        onError: (error) => {
          if (!(error instanceof ApiProblem)) {
            setMessage(t('common.somethingWrong'));
            return;
          }
          const placed: FieldErrors = { scores: {} };
          let rest = 0;
          for (const { field, message: text } of error.problem.errors ?? []) {
            const domain = /^scores\.(\w+)/.exec(field)?.[1];
            if (domain) placed.scores[domain] = text;
            else if (field === 'summary') placed.summary = text;
            else if (field.startsWith('comments')) placed.comments = text;
            else rest += 1;
          }
          setErrors(placed);
          const total = error.problem.errors?.length ?? 0;
          if (total === 0 || rest > 0) {
            setMessage(error.problem.detail ?? error.problem.title ?? t('common.somethingWrong'));
          }
        },
      },
    );
  };

  const review = recording.review;
  const outcome = submitted ?? review?.outcome ?? null;
  if (outcome) {
    return (
      <Stack gap="lg">
        <Alert color={outcome === 'competent' ? 'teal' : 'gray'} variant="outline" role="status">
          <Text fw={700}>
            {t('reviews.workspace.submitted', { outcome: t(`reviews.outcome.${outcome}`) })}
          </Text>
        </Alert>
        {review ? (
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Title order={2} size="h3">
                {t('reviews.workspace.reviewedHeading')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('reviews.workspace.reviewedBy', {
                  name: review.reviewerName ?? user.displayName,
                  when: dateTime(review.createdAt),
                })}
              </Text>
              <Text>{review.summary}</Text>
            </Stack>
          </Card>
        ) : null}
        <AnchorLink to="/reviews">{t('reviews.workspace.back')}</AnchorLink>
      </Stack>
    );
  }
  if (recording.status !== 'awaiting_review') {
    return <Text>{t('reviews.workspace.notAwaiting', { status: recording.status })}</Text>;
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="lg">
        <Card withBorder padding="lg">
          <Stack gap="sm" ref={playerBox}>
            <MediaPlayer
              ref={player}
              recordingId={recording.id}
              contentType={recording.contentType}
              label={t('reviews.workspace.player', {
                name: traineeName,
                session: recording.sessionNumber,
              })}
              onTimeUpdate={setPosition}
            />
            <Group gap="xs" wrap="wrap">
              <Button variant="default" size="sm" onClick={() => shortcuts.skip(-5)}>
                {t('reviews.workspace.back5')}
              </Button>
              <Button variant="default" size="sm" onClick={shortcuts.togglePlay}>
                {t('reviews.workspace.playPause')}
              </Button>
              <Button variant="default" size="sm" onClick={() => shortcuts.skip(5)}>
                {t('reviews.workspace.forward5')}
              </Button>
              <Text ff="monospace" fw={700} aria-live="off">
                {clock(position)}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('reviews.workspace.shortcuts')}
            </Text>
          </Stack>
        </Card>

        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('reviews.workspace.comments')}
            </Title>
            <Textarea
              label={t('reviews.workspace.comment')}
              description={t('reviews.workspace.commentHint')}
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
              error={errors.comment}
              autosize
              minRows={2}
              maxLength={4000}
            />
            <Group>
              <Button variant="light" onClick={addComment}>
                {t('reviews.workspace.addComment')}
              </Button>
            </Group>
            {errors.comments ? <ProblemAlert message={errors.comments} /> : null}
            {comments.length === 0 ? (
              <Text c="dimmed">{t('reviews.workspace.noComments')}</Text>
            ) : (
              <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {comments.map((item, index) => (
                  <Group component="li" key={`${item.atSeconds}-${index}`} gap="xs" wrap="nowrap">
                    <Button
                      variant="default"
                      justify="flex-start"
                      h="auto"
                      py="xs"
                      style={{ flex: 1 }}
                      styles={{ label: { whiteSpace: 'normal' } }}
                      onClick={() => player.current?.seek(item.atSeconds)}
                      aria-label={t('reviews.workspace.playFrom', {
                        time: clock(item.atSeconds),
                        text: item.text,
                      })}
                    >
                      <Group gap="sm" wrap="nowrap" align="flex-start">
                        <Text component="span" fw={700} ff="monospace">
                          {clock(item.atSeconds)}
                        </Text>
                        <Text component="span" ta="left">
                          {item.text}
                        </Text>
                      </Group>
                    </Button>
                    <Button
                      variant="default"
                      size="sm"
                      onClick={() => removeComment(index)}
                      aria-label={t('reviews.workspace.removeComment', {
                        time: clock(item.atSeconds),
                      })}
                    >
                      {t('reviews.workspace.remove')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            )}
          </Stack>
        </Card>

        <Card withBorder component="section" aria-labelledby="rubric-heading" padding="lg">
          <Stack gap="lg">
            <Stack gap={2}>
              <Title order={2} size="h3" id="rubric-heading">
                {t('reviews.workspace.rubric')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('reviews.workspace.rubricHint')}
              </Text>
            </Stack>
            {rubric.domains.map((domain) => (
              <Radio.Group
                key={domain.key}
                label={domain.title}
                description={domain.description}
                value={draft.scores[domain.key as DomainKey] ?? null}
                onChange={(value) => {
                  setDraft((d) => ({
                    ...d,
                    scores: { ...d.scores, [domain.key]: value as LevelKey },
                  }));
                  setErrors((e) => ({ ...e, scores: { ...e.scores, [domain.key]: undefined } }));
                }}
                error={errors.scores[domain.key]}
                required
                name={`score-${domain.key}`}
              >
                <Stack gap="xs" mt="xs">
                  {rubric.levels.map((level) => (
                    <Radio
                      key={level.key}
                      value={level.key}
                      label={level.title}
                      description={level.description}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
          </Stack>
        </Card>

        <Card withBorder padding="lg">
          <Stack gap="md">
            <Textarea
              label={t('reviews.workspace.summary')}
              description={t('reviews.workspace.summaryHint')}
              value={draft.summary}
              onChange={(event) => {
                const summary = event.currentTarget.value;
                setDraft((d) => ({ ...d, summary }));
              }}
              error={errors.summary}
              required
              autosize
              minRows={4}
              maxLength={20000}
            />
            <Stack gap={4} role="status" aria-live="polite">
              <Title order={2} size="h3">
                {t('reviews.workspace.outcomeHeading')}
              </Title>
              {preview.outcome ? (
                <>
                  <Group gap="xs">
                    <Text fw={600}>
                      {t('reviews.workspace.outcomeWillBe', {
                        outcome: t(`reviews.outcome.${preview.outcome}`),
                      })}
                    </Text>
                    <Badge
                      color={
                        preview.outcome === 'competent' ? statusColor.done : statusColor.waiting
                      }
                      variant="filled"
                    >
                      {t(`reviews.outcome.${preview.outcome}`)}
                    </Badge>
                  </Group>
                  {preview.below.length > 0 ? (
                    <Text size="sm">
                      {t('reviews.workspace.belowCompetent', { domains: preview.below.join(', ') })}
                    </Text>
                  ) : null}
                </>
              ) : (
                <Text>{t('reviews.workspace.outcomeIncomplete', { count: preview.missing })}</Text>
              )}
            </Stack>
            <ProblemAlert message={message} />
            <Text size="sm" c="dimmed">
              {t('reviews.workspace.draftSaved')}
            </Text>
            <Group>
              <Button type="submit" loading={submit.isPending}>
                {t('reviews.workspace.submit')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    </form>
  );
}

export function ReviewPage() {
  const { t } = useTranslation();
  const { recordingId } = route.useParams();
  const { dateTime } = useFormat();
  const recording = useRecording(recordingId);
  const rubric = useRubric();
  const data = recording.data;
  const title = data
    ? t('reviews.workspace.title', { name: data.traineeName, session: data.sessionNumber })
    : t('reviews.workspace.loadingTitle');
  return (
    <Page
      title={title}
      intro={
        data
          ? t('reviews.workspace.recording', {
              course: data.courseTitle,
              cohort: data.cohortTitle,
              session: data.sessionNumber,
            })
          : undefined
      }
    >
      <AnchorLink to="/reviews">{t('reviews.workspace.back')}</AnchorLink>
      {data?.reviewDueAt && data.status === 'awaiting_review' ? (
        <Group gap="xs">
          <Text fw={data.overdue ? 700 : undefined}>
            {t('reviews.workspace.due', { when: dateTime(data.reviewDueAt) })}
          </Text>
          {data.overdue ? (
            <Badge color={statusColor.problem} variant="filled">
              {t('reviews.queue.overdue')}
            </Badge>
          ) : null}
        </Group>
      ) : null}
      {recording.isPending || rubric.isPending ? <PageLoader /> : null}
      {recording.isError ? <ProblemAlert error={recording.error} /> : null}
      {rubric.isError ? <ProblemAlert error={rubric.error} /> : null}
      {data && rubric.data ? (
        <Workspace key={data.id} recording={data} rubric={rubric.data} />
      ) : null}
    </Page>
  );
}
