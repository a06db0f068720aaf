import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { homeOf } from '../app/home';
import { publicLayout, signedInLayout, type RouterContext } from '../app/root-routes';

/** Only a path on this site: never an absolute or protocol-relative address (open redirect). */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : undefined;
}

const redirectSearch = (search: Record<string, unknown>): { redirect?: string | undefined } => ({
  redirect: safeRedirect(search.redirect),
});

/** A signed-in person opening a sign-in page goes on to where they were going. */
const leaveWhenSignedIn = ({
  context,
  search,
}: {
  context: RouterContext;
  search: { redirect?: string | undefined };
}) => {
  const user = context.session.user;
  if (user) throw redirect({ href: search.redirect ?? homeOf(user), replace: true });
};

export const loginRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/login',
  validateSearch: redirectSearch,
  beforeLoad: leaveWhenSignedIn,
  component: lazyRouteComponent(() => import('./login-page'), 'LoginPage'),
});

export const registerRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/register',
  validateSearch: redirectSearch,
  beforeLoad: leaveWhenSignedIn,
  component: lazyRouteComponent(() => import('./register-page'), 'RegisterPage'),
});

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('./forgot-password-page'), 'ForgotPasswordPage'),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string | undefined } => ({
    token: typeof search.token === 'string' ? search.token : undefined,
  }),
  component: lazyRouteComponent(() => import('./reset-password-page'), 'ResetPasswordPage'),
});

export const profileRoute = createRoute({
  getParentRoute: () => signedInLayout,
  path: '/profile',
  component: lazyRouteComponent(() => import('../profile/profile-page'), 'ProfilePage'),
});

/** The sign-in pages (public), added to the tree by app/router.tsx. */
export const identityPublicRoutes = [
  loginRoute,
  registerRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
];

/** The signed-in pages of this area. */
export const identityRoutes = [profileRoute];
