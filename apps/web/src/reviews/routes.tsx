import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { mentorLayout } from '../app/root-routes';

export const reviewQueueRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/reviews',
  component: lazyRouteComponent(() => import('./queue-page'), 'ReviewQueuePage'),
});

export const reviewRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/reviews/$recordingId',
  component: lazyRouteComponent(() => import('./review-page'), 'ReviewPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const reviewsRoutes = [reviewQueueRoute, reviewRoute];
