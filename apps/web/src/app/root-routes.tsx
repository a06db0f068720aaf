import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { hasRole, type Role, type session } from '../identity/session';
import { loadAdminStrings } from '../i18n';
import { homeOf } from './home';
import { AppLayout } from './app-layout';
import { NotFound } from './not-found';
import { PublicLayout } from './public-layout';

export interface RouterContext {
  session: typeof session;
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

/** Sign-in pages: a signed-in person is sent on to where they were going. */
export const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});

/** Every page behind sign-in: a signed-out visit goes to /login and comes back afterwards. */
export const signedInLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: ({ context, location }) => {
    if (!context.session.user) {
      throw redirect({ to: '/login', search: { redirect: location.href }, replace: true });
    }
  },
  component: AppLayout,
});

function requireRole(role: Role) {
  return ({ context }: { context: RouterContext }) => {
    const user = context.session.user;
    if (user && !hasRole(user, role)) throw redirect({ href: homeOf(user), replace: true });
  };
}

/** Pages of trainees (UI.md "Trainee"). */
export const traineeLayout = createRoute({
  getParentRoute: () => signedInLayout,
  id: 'trainee',
  beforeLoad: requireRole('trainee'),
});

/** Pages of mentors (UI.md "Mentor"). */
export const mentorLayout = createRoute({
  getParentRoute: () => signedInLayout,
  id: 'mentor',
  beforeLoad: requireRole('mentor'),
});

/** Pages of admins (UI.md "Admin"), all under /admin. */
export const adminLayout = createRoute({
  getParentRoute: () => signedInLayout,
  id: 'admin',
  beforeLoad: requireRole('admin'),
  loader: () => loadAdminStrings(),
});
