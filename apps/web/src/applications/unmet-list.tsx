import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { AnchorLink } from '../ui/app-link';

/**
 * A refused pathway step: the problem's `detail` and each unmet requirement with have / need,
 * exactly as the API judged them.
 */
export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error.problem : null;
  const unmet = problem?.unmet ?? [];
  const text = problem?.detail ?? problem?.title ?? t('common.somethingWrong');
  return (
    <Alert
      color="red"
      variant="outline"
      role="alert"
      title={unmet.length ? t('applications.unmet.heading') : undefined}
    >
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        {unmet.length ? (
          <>
            <List spacing={4} size="sm" aria-label={t('applications.unmet.heading')}>
              {unmet.map((item, i) => (
                <List.Item key={item.key ?? i}>
                  <Group gap="xs" wrap="wrap">
                    <Text span size="sm" fw={600}>
                      {item.title ?? item.detail ?? item.key}
                    </Text>
                    {item.have !== undefined && item.need !== undefined ? (
                      <Text span size="sm">
                        {t('applications.unmet.haveNeed', { have: item.have, need: item.need })}
                      </Text>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
            </List>
            <AnchorLink to="/" size="sm">
              {t('applications.unmet.seePathway')}
            </AnchorLink>
          </>
        ) : null}
      </Stack>
    </Alert>
  );
}
