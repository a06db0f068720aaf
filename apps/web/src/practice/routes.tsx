import { createRoute } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const practiceRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/practice',
  component: comingSoon('practice'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const practiceRoutes = [practiceRoute];
