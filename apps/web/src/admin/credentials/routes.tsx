import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminCredentialsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/credentials',
  component: lazyRouteComponent(() => import('./credentials-page'), 'AdminCredentialsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminCredentialsRoutes = [adminCredentialsRoute];
