import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

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

/** This area's routes for trainees, added to the tree by app/router.tsx. */
export const practicumRoutes = [practicumRoute, recordingRoute];
