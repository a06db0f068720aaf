import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminUsersRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/users',
  component: lazyRouteComponent(() => import('./users-page'), 'UsersPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminUsersRoutes = [adminUsersRoute];
