import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { traineeLayout } from '../app/root-routes';

export const certificationRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/certification',
  component: lazyRouteComponent(
    () => import('../certification/certification-page'),
    'CertificationPage',
  ),
});

export const credentialsRoute = createRoute({
  getParentRoute: () => traineeLayout,
  path: '/credentials',
  component: lazyRouteComponent(() => import('./credentials-page'), 'CredentialsPage'),
});

/** This area's routes, added to the tree by app/router.tsx. */
export const credentialsRoutes = [certificationRoute, credentialsRoute];
