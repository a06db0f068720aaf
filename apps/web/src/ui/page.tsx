import { Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { en } from '../i18n/en';

/** A page: its one h1 (also the document title) and its content. */
export function Page({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('common.appName')}`;
  }, [title, t]);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {intro ? <Text c="dimmed">{intro}</Text> : null}
      </Stack>
      {children}
    </Stack>
  );
}

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl">
      <Loader aria-label={t('common.loading')} />
    </Stack>
  );
}

/**
 * What a route shows while its page's code (a lazy chunk) or data loads: a live region, so that a
 * screen reader hears "Loading…" once instead of meeting an unlabelled spinner.
 */
export function RoutePending() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" role="status">
      <Loader aria-hidden />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Stack>
  );
}

/** A page that is in the route tree but not built yet. */
export function ComingSoon({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <Text>{t('common.comingSoon')}</Text>
      <Text c="dimmed">{t('common.comingSoonHint')}</Text>
    </Page>
  );
}

/** A route component for a page not built yet, titled by its navigation label. */
export function comingSoon(label: keyof typeof en.nav) {
  return function ComingSoonPage() {
    const { t } = useTranslation();
    return <ComingSoon title={t(`nav.${label}`)} />;
  };
}
