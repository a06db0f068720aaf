import { Container, Paper, Stack, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** The frame of the sign-in pages: one card, centred, readable from 360 px. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Container size={460} px="md" py="xl">
      <Stack gap="lg">
        <header>
          <Text fw={700} size="lg" c="indigo.8">
            {t('common.appName')}
          </Text>
        </header>
        <main>
          <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
            <Outlet />
          </Paper>
        </main>
      </Stack>
    </Container>
  );
}
