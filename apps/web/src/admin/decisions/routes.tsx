import { createRoute } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';
import { comingSoon } from '../../ui/page';

export const adminDecisionsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/decisions',
  component: comingSoon('adminDecisions'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminDecisionsRoutes = [adminDecisionsRoute];
