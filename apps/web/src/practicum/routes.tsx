import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { mentorLayout, traineeLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const practicumRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/practicum',
  component: lazyRouteComponent(() => import('./practicum-page'), 'PracticumPage'),
});

export const recordingRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/practicum/recordings/$recordingId',
  component: lazyRouteComponent(() => import('./recording-page'), 'RecordingPage'),
});

export const menteesRoute = createRoute({
  getParentRoute: () => mentorLayout,
  path: '/mentees',
  component: comingSoon('mentees'),
});

/** This area's routes for trainees, added to the tree by app/router.tsx. */
export const practicumRoutes = [practicumRoute, recordingRoute];

/** This area's routes for mentors. */
export const practicumMentorRoutes = [menteesRoute];
