import { createRoute } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const certificationRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/certification',
  component: comingSoon('certification'),
});

export const credentialsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/credentials',
  component: comingSoon('credentials'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const credentialsRoutes = [certificationRoute, credentialsRoute];
