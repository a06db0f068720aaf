import { useEffect, useState } from 'react';
import type { DomainKey, LevelKey, ReviewComment } from './api';

export interface ReviewDraft {
  scores: Partial<Record<DomainKey, LevelKey>>;
  comments: ReviewComment[];
  summary: string;
}

const empty: ReviewDraft = { scores: {}, comments: [], summary: '' };

const keyOf = (userId: string, recordingId: string) => `msc.review-draft.${userId}.${recordingId}`;

function read(key: string): ReviewDraft {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return empty;
    const parsed = JSON.parse(raw) as Partial<ReviewDraft>;
    return {
      scores: typeof parsed.scores === 'object' && parsed.scores ? parsed.scores : {},
      comments: Array.isArray(parsed.comments) ? parsed.comments : [],
      summary: typeof parsed.summary === 'string' ? parsed.summary : '',
    };
  } catch {
    return empty;
  }
}

/**
 * A review in progress, kept in this browser per person and recording so that a reload or a
 * closed tab loses nothing; `clear` forgets it once the review is submitted.
 */
export function useReviewDraft(userId: string, recordingId: string) {
  const key = keyOf(userId, recordingId);
  const [draft, setDraft] = useState<ReviewDraft>(() => read(key));
  const [cleared, setCleared] = useState(false);

  useEffect(() => {
    if (cleared) return;
    const isEmpty =
      Object.keys(draft.scores).length === 0 && draft.comments.length === 0 && !draft.summary;
    try {
      if (isEmpty) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the draft then lives only as long as the page.
    }
  }, [key, draft, cleared]);

  const clear = () => {
    setCleared(true);
    window.localStorage.removeItem(key);
  };
  return { draft, setDraft, clear };
}
