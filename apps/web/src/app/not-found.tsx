import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main>
      <Stack p="xl" gap="sm">
        <Title order={1}>{t('common.notFoundTitle')}</Title>
        <Text>{t('common.notFoundBody')}</Text>
        <Anchor component={Link} to="/">
          {t('common.goHome')}
        </Anchor>
      </Stack>
    </main>
  );
}
