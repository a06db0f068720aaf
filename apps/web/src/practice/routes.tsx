import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

export const practiceRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/practice',
  component: lazyRouteComponent(() => import('./practice-page'), 'PracticePage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const practiceRoutes = [practiceRoute];
