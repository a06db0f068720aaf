import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

export const attestationsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/attestations',
  component: lazyRouteComponent(() => import('./attestations-page'), 'AttestationsPage'),
});

export const applicationRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/application',
  component: lazyRouteComponent(() => import('./application-page'), 'ApplicationPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const applicationsRoutes = [attestationsRoute, applicationRoute];
