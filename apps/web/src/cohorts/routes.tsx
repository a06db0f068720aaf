import { createRoute } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';
import { comingSoon } from '../ui/page';

export const cohortsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/cohorts',
  component: comingSoon('cohorts'),
});

export const myCoursesRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/my-courses',
  component: comingSoon('myCourses'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const cohortsRoutes = [cohortsRoute, myCoursesRoute];
