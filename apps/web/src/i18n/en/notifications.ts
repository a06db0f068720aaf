export default {
  title: 'Notifications',
  unread: 'Unread',
  unreadCount_one: '{{count}} unread notification',
  unreadCount_other: '{{count}} unread notifications',
  allRead: 'Everything is read.',
  markAllRead: 'Mark all as read',
  markRead: 'Mark as read',
  markReadNamed: 'Mark as read: {{title}}',
  more: 'Show older notifications',
  navUnread_one: '{{count}} unread',
  navUnread_other: '{{count}} unread',
  empty: {
    title: 'No notifications yet',
    body: 'News about your enrollments, reviews and decisions arrives here, and by e-mail.',
  },
} as const;
