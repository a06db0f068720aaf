import { createRoute } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';
import { comingSoon } from '../../ui/page';

export const adminCredentialsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/credentials',
  component: comingSoon('adminCredentials'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminCredentialsRoutes = [adminCredentialsRoute];
