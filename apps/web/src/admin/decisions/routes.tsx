import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminDecisionsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/decisions',
  component: lazyRouteComponent(() => import('./decisions-page'), 'DecisionsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminDecisionsRoutes = [adminDecisionsRoute];
