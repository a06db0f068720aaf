import { createRoute } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const ceCreditsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/ce-credits',
  component: comingSoon('ceCredits'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const ceCreditsRoutes = [ceCreditsRoute];
