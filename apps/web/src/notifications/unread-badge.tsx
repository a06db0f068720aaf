import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { statusColor } from '../ui/theme';
import { useUnreadCount } from './use-notifications';

/** The number of unread notifications, beside "Notifications" in the navigation. */
export function UnreadBadge() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  if (count === 0) return null;
  return (
    <Badge color={statusColor.active} variant="filled" size="sm" circle={count < 10}>
      <span aria-hidden="true">{count}</span>
      <VisuallyHidden>{t('notifications.navUnread', { count })}</VisuallyHidden>
    </Badge>
  );
}
