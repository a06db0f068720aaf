import { createRoute } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const attestationsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/attestations',
  component: comingSoon('attestations'),
});

export const applicationRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/application',
  component: comingSoon('application'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const applicationsRoutes = [attestationsRoute, applicationRoute];
