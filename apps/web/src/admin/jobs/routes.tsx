import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminJobsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/jobs',
  component: lazyRouteComponent(() => import('./jobs-page'), 'AdminJobsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminJobsRoutes = [adminJobsRoute];
