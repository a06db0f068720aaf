import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

export const ceCreditsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/ce-credits',
  component: lazyRouteComponent(() => import('./ce-credits-page'), 'CeCreditsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const ceCreditsRoutes = [ceCreditsRoute];
