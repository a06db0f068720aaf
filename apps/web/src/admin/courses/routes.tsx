import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminCoursesRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/courses',
  component: lazyRouteComponent(() => import('./courses-page'), 'AdminCoursesPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminCoursesRoutes = [adminCoursesRoute];
