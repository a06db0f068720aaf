import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { mentorLayout } from '../app/root-routes';

export const menteesRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/mentees',
  component: lazyRouteComponent(() => import('./mentees-page'), 'MenteesPage'),
});

export const menteeProgressRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/mentees/$traineeId',
  component: lazyRouteComponent(() => import('./trainee-progress-page'), 'TraineeProgressPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const menteesRoutes = [menteesRoute, menteeProgressRoute];
