import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';

export const adminAuditRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/audit',
  component: lazyRouteComponent(() => import('./audit-page'), 'AuditPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminAuditRoutes = [adminAuditRoute];
