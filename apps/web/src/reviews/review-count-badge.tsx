import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../identity/session';
import { useReviewCounts } from './api';

/** The number of recordings waiting for the mentor, beside "Recordings to assess" in the navigation (no "review" in that name: the queue's own links are named "Review"). */
export function ReviewCountBadge() {
  const { t } = useTranslation();
  const user = useUser();
  const counts = useReviewCounts(hasRole(user, 'mentor'));
  const pending = counts.data?.pending ?? 0;
  if (pending === 0) return null;
  const overdue = (counts.data?.overdue ?? 0) > 0;
  return (
    <Badge color={overdue ? 'red.9' : 'indigo.8'} variant="filled" size="sm" circle={pending < 10}>
      <span aria-hidden="true">{pending}</span>
      <VisuallyHidden>{t('reviews.queue.badge', { count: pending })}</VisuallyHidden>
    </Badge>
  );
}
