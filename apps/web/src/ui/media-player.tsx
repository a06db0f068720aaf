import { Alert, Box, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import { ProblemAlert } from './problem';

/** What a page can do with the player: move it, read where it is, start it. */
export interface MediaPlayerHandle {
  /** Moves the playhead to `seconds` and plays from there. */
  seek(seconds: number): void;
  /** Where the playhead is, in seconds (0 before the media loaded). */
  currentTime(): number;
  /** Moves the keyboard focus to the player. */
  focus(): void;
}

/**
 * A recording's media as a blob URL: a media element cannot send the Authorization header, and the
 * API offers no signed link to recordings, so the bytes come through the authorised client.
 */
function useRecordingMedia(recordingId: string) {
  const query = useQuery({
    queryKey: ['recordings', recordingId, 'content'],
    queryFn: async () => {
      const result = await api.GET('/api/v1/recordings/{id}/content', {
        params: { path: { id: recordingId } },
        parseAs: 'blob',
      });
      if (!result.response.ok) {
        throw new ApiProblem({ status: result.response.status, title: result.response.statusText });
      }
      return result.data as unknown as Blob;
    },
    staleTime: Infinity,
    gcTime: 60_000,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!query.data) return undefined;
    const next = URL.createObjectURL(query.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [query.data]);
  return { ...query, url };
}

export interface MediaPlayerProps {
  recordingId: string;
  /** `audio/…` or `video/…`: which element plays it. */
  contentType: string;
  /** The accessible name of the player, e.g. "Recording of session 3". */
  label: string;
  /** Called as the playhead moves (seconds), e.g. to show the current time beside a form. */
  onTimeUpdate?: (seconds: number) => void;
}

/**
 * A recording's player: the browser's own audio or video controls (keyboard operable: Tab to the
 * controls, Space to play and pause, arrows to move), with an imperative handle so comments can
 * move it to their time. Shared by the trainee's review page and the mentor's review workspace.
 */
export const MediaPlayer = forwardRef<MediaPlayerHandle, MediaPlayerProps>(function MediaPlayer(
  { recordingId, contentType, label, onTimeUpdate },
  ref,
) {
  const { t } = useTranslation();
  const media = useRecordingMedia(recordingId);
  const element = useRef<HTMLMediaElement | null>(null);
  const [failed, setFailed] = useState(false);

  useImperativeHandle(
    ref,
    () => ({
      seek(seconds) {
        const el = element.current;
        if (!el) return;
        el.currentTime = Math.max(0, seconds);
        void el.play().catch(() => undefined);
      },
      currentTime: () => element.current?.currentTime ?? 0,
      focus: () => element.current?.focus(),
    }),
    [],
  );

  if (media.isError) return <ProblemAlert error={media.error} />;
  if (!media.url) {
    return (
      <Stack align="center" py="md">
        <Loader aria-label={t('practicum.player.loading')} />
      </Stack>
    );
  }
  const props = {
    ref: (el: HTMLMediaElement | null) => {
      element.current = el;
    },
    src: media.url,
    controls: true,
    preload: 'metadata',
    'aria-label': label,
    onTimeUpdate: onTimeUpdate
      ? (event: React.SyntheticEvent<HTMLMediaElement>) =>
          onTimeUpdate(event.currentTarget.currentTime)
      : undefined,
    onError: () => setFailed(true),
  } as const;
  return (
    <Stack gap="xs">
      {contentType.startsWith('video/') ? (
        <Box component="video" w="100%" display="block" {...props} playsInline>
          <track kind="captions" />
        </Box>
      ) : (
        <Box component="audio" w="100%" display="block" {...props} />
      )}
      {failed ? (
        <Alert color="red" variant="outline" role="alert">
          {t('practicum.player.failed')}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {t('practicum.player.hint')}
        </Text>
      )}
    </Stack>
  );
});
