import { createRoute } from '@tanstack/react-router';
import { signedInLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const notificationsRoute = createRoute({
  getParentRoute: () => signedInLayout,
  path: '/notifications',
  component: comingSoon('notifications'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const notificationsRoutes = [notificationsRoute];
