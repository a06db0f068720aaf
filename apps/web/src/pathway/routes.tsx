import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

export const progressRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/',
  component: lazyRouteComponent(() => import('./progress-page'), 'ProgressPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const pathwayRoutes = [progressRoute];
