import { Box, Burger, Button, Container, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, session, useUser } from '../identity/session';
import { UnreadBadge } from '../notifications/unread-badge';
import { ReviewCountBadge } from '../reviews/review-count-badge';
import { navigation } from './navigation';
import { homeOf } from './home';

/** The frame of every signed-in page: header with "Sign out", the role's navigation, the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = useState(false);
  const sections = navigation.filter((s) => s.role === null || hasRole(user, s.role));

  useEffect(close, [pathname, close]);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await session.logout();
    } finally {
      queryClient.clear();
      setSigningOut(false);
      await navigate({ to: '/login', search: { redirect: undefined } });
    }
  };

  return (
    <div className="shell">
      <header className="shell-header">
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('common.closeNavigation') : t('common.openNavigation')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text component={Link} to={homeOf(user)} fw={700} size="lg" c="indigo.8" td="none">
              {t('common.appName')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('common.signedInAs', { name: user.displayName })}
            </Text>
            <Button variant="default" size="sm" onClick={() => void signOut()} loading={signingOut}>
              {t('common.signOut')}
            </Button>
          </Group>
        </Group>
      </header>

      <nav
        id="main-navigation"
        className="shell-nav"
        aria-label={t('nav.label')}
        data-opened={opened || undefined}
      >
        {sections.map((section) => (
          <div key={section.title} role="group" aria-labelledby={`nav-${section.title}`}>
            <Text
              id={`nav-${section.title}`}
              size="xs"
              fw={700}
              tt="uppercase"
              c="dimmed"
              px="sm"
              pt="md"
              pb={4}
            >
              {t(`nav.${section.title}`)}
            </Text>
            {section.links.map((link) => (
              <NavLink
                key={link.to}
                label={t(`nav.${link.label}`)}
                active={pathname === link.to}
                rightSection={
                  link.to === '/reviews' ? (
                    <ReviewCountBadge />
                  ) : link.to === '/notifications' ? (
                    <UnreadBadge />
                  ) : undefined
                }
                renderRoot={(props) => <Link to={link.to} {...props} />}
              />
            ))}
          </div>
        ))}
      </nav>

      <Box component="main" id="main" tabIndex={-1} className="shell-main" p="md">
        <Container size="md" px={0}>
          <Outlet />
        </Container>
      </Box>
    </div>
  );
}
