import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { adminAuditRoutes } from '../admin/audit/routes';
import { adminCohortsRoutes } from '../admin/cohorts/routes';
import { adminCoursesRoutes } from '../admin/courses/routes';
import { adminCredentialsRoutes } from '../admin/credentials/routes';
import { adminDecisionsRoutes } from '../admin/decisions/routes';
import { adminJobsRoutes } from '../admin/jobs/routes';
import { adminPracticumsRoutes } from '../admin/practicums/routes';
import { adminUsersRoutes } from '../admin/users/routes';
import { applicationsRoutes } from '../applications/routes';
import { ceCreditsRoutes } from '../ce-credits/routes';
import { cohortsRoutes } from '../cohorts/routes';
import { credentialsRoutes } from '../credentials/routes';
import { identityPublicRoutes, identityRoutes } from '../identity/routes';
import { session } from '../identity/session';
import { menteesRoutes } from '../mentees/routes';
import { notificationsRoutes } from '../notifications/routes';
import { pathwayRoutes } from '../pathway/routes';
import { practiceRoutes } from '../practice/routes';
import { practicumRoutes } from '../practicum/routes';
import { reviewsRoutes } from '../reviews/routes';
import { RoutePending } from '../ui/page';
import { RouteError } from './route-error';
import {
  adminLayout,
  mentorLayout,
  publicLayout,
  rootRoute,
  signedInLayout,
  traineeLayout,
} from './root-routes';

/** Every page of UI.md; each area owns its routes file. */
export const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([...identityPublicRoutes]),
  signedInLayout.addChildren([
    traineeLayout.addChildren([
      ...pathwayRoutes,
      ...cohortsRoutes,
      ...practiceRoutes,
      ...applicationsRoutes,
      ...practicumRoutes,
      ...credentialsRoutes,
      ...ceCreditsRoutes,
    ]),
    mentorLayout.addChildren([...reviewsRoutes, ...menteesRoutes]),
    adminLayout.addChildren([
      ...adminCoursesRoutes,
      ...adminCohortsRoutes,
      ...adminDecisionsRoutes,
      ...adminPracticumsRoutes,
      ...adminUsersRoutes,
      ...adminCredentialsRoutes,
      ...adminAuditRoutes,
      ...adminJobsRoutes,
    ]),
    ...identityRoutes,
    ...notificationsRoutes,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { session, queryClient },
    defaultPreload: 'intent',
    // Also the Suspense fallback of every lazy page component.
    defaultPendingComponent: RoutePending,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
