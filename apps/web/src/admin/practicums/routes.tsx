import { createRoute } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';
import { comingSoon } from '../../ui/page';

export const adminPracticumsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/practicums',
  component: comingSoon('adminPracticums'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminPracticumsRoutes = [adminPracticumsRoute];
