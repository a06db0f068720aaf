import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

export const cohortsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/cohorts',
  component: lazyRouteComponent(() => import('./cohorts-page'), 'CohortsPage'),
});

export const myCoursesRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/my-courses',
  component: lazyRouteComponent(() => import('./my-courses-page'), 'MyCoursesPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const cohortsRoutes = [cohortsRoute, myCoursesRoute];
