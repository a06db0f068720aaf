import { Alert, Box, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
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

/** Fetch a new link this long before the current one expires. */
const LINK_MARGIN_MS = 60_000;

/**
 * A recording's signed content link (contentUrl of its detail): the media element streams it with
 * Range requests and no Authorization header. The link lasts about an hour; the detail is fetched
 * again shortly before it expires, or when the element fails on an expired link.
 */
function useRecordingLink(recordingId: string) {
  return useQuery({
    queryKey: ['recordings', recordingId, 'content-link'],
    queryFn: async () => {
      const detail = unwrap(
        await api.GET('/api/v1/recordings/{id}', { params: { path: { id: recordingId } } }),
      );
      return { url: detail.contentUrl, expiresAt: Date.parse(detail.contentUrlExpiresAt) };
    },
    staleTime: (query) =>
      query.state.data ? Math.max(0, query.state.data.expiresAt - LINK_MARGIN_MS - Date.now()) : 0,
    refetchInterval: (query) =>
      query.state.data
        ? Math.max(1_000, query.state.data.expiresAt - LINK_MARGIN_MS - Date.now())
        : false,
    refetchOnWindowFocus: true,
  });
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
  const link = useRecordingLink(recordingId);
  const element = useRef<HTMLMediaElement | null>(null);
  const [failed, setFailed] = useState(false);
  // The src the element plays: replaced by a fresh link only when the old one has expired (or the
  // element failed on it), then the playhead and play state are carried over.
  const [src, setSrc] = useState<string | null>(null);
  const resume = useRef<{ at: number; playing: boolean } | null>(null);
  const fresh = link.data;
  useEffect(() => {
    if (!fresh) return;
    setSrc((current) => {
      if (current === null) return fresh.url;
      if (current === fresh.url || !resume.current) return current;
      return fresh.url;
    });
  }, [fresh]);
  const { refetch } = link;
  const onError = () => {
    const el = element.current;
    const expired = !fresh || Date.now() >= fresh.expiresAt - LINK_MARGIN_MS;
    if (expired && !resume.current) {
      resume.current = { at: el?.currentTime ?? 0, playing: el ? !el.paused : false };
      void refetch();
      return;
    }
    setFailed(true);
  };
  const onLoadedMetadata = () => {
    const el = element.current;
    const carried = resume.current;
    if (!el || !carried) return;
    resume.current = null;
    el.currentTime = carried.at;
    if (carried.playing) void el.play().catch(() => undefined);
  };
  // A link about to expire is swapped for a fresh one while paused, so a later play still works.
  useEffect(() => {
    if (!fresh || !src || src === fresh.url) return;
    const el = element.current;
    if (el && el.paused) {
      resume.current = { at: el.currentTime, playing: false };
      setSrc(fresh.url);
    }
  }, [fresh, src]);

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

  if (link.isError && !src) return <ProblemAlert error={link.error} />;
  if (!src) {
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
    src,
    controls: true,
    preload: 'metadata',
    'aria-label': label,
    onTimeUpdate: onTimeUpdate
      ? (event: React.SyntheticEvent<HTMLMediaElement>) =>
          onTimeUpdate(event.currentTarget.currentTime)
      : undefined,
    onError,
    onLoadedMetadata,
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
