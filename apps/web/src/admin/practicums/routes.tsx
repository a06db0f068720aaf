import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminPracticumsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/practicums',
  component: lazyRouteComponent(() => import('./practicums-page'), 'PracticumsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminPracticumsRoutes = [adminPracticumsRoute];
