import { Button, Stack } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../ui/problem';

/** What a page shows when loading it failed: the API's words, and a way to try again. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <ProblemAlert error={error} />
      <Button variant="default" onClick={reset} w="fit-content">
        {t('common.tryAgain')}
      </Button>
    </Stack>
  );
}
