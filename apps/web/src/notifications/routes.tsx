import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedInLayout } from '../app/root-routes';

export const notificationsRoute = createRoute({
  getParentRoute: () => signedInLayout,
  path: '/notifications',
  component: lazyRouteComponent(() => import('./notifications-page'), 'NotificationsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const notificationsRoutes = [notificationsRoute];
