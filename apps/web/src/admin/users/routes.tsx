import { createRoute } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';
import { comingSoon } from '../../ui/page';

export const adminUsersRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/users',
  component: comingSoon('adminUsers'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminUsersRoutes = [adminUsersRoute];
