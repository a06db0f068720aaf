import { createRoute } from '@tanstack/react-router';
import { adminLayout } from '../../app/root-routes';
import { comingSoon } from '../../ui/page';

export const adminCoursesRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/admin/courses',
  component: comingSoon('adminCourses'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const adminCoursesRoutes = [adminCoursesRoute];
