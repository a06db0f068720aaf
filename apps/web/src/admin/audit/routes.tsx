import { createRoute } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';
import { comingSoon } from '../../ui/page';

export const adminAuditRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/audit',
  component: comingSoon('adminAudit'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminAuditRoutes = [adminAuditRoute];
