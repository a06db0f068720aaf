import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { i18n } from '../i18n';
import { session } from '../identity/session';
import { cssVariablesResolver, theme } from '../ui/theme';
import { createAppRouter } from './router';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx answer will not change by asking again.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export const router = createAppRouter(queryClient);

export function App() {
  useEffect(
    () =>
      // A session that ends while a page is open (refresh refused) re-runs the guards: to /login.
      session.subscribe(() => {
        if (session.current.status === 'signed-out') void router.invalidate();
      }),
    [],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="light"
      >
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
