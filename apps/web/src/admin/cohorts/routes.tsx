import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminCohortsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/cohorts',
  component: lazyRouteComponent(() => import('./cohorts-page'), 'AdminCohortsPage'),
});

export const adminCohortRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/cohorts/$id',
  component: lazyRouteComponent(() => import('./cohort-page'), 'AdminCohortPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminCohortsRoutes = [adminCohortsRoute, adminCohortRoute];
