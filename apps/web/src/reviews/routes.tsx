import { createRoute } from '@tanstack/react-router';
import { mentorLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const reviewQueueRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/reviews',
  component: comingSoon('reviews'),
});

export const reviewRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/reviews/$recordingId',
  component: comingSoon('reviews'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const reviewsRoutes = [reviewQueueRoute, reviewRoute];
