import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface OffsetPagerProps {
  offset: number;
  pageSize: number;
  total: number;
  onOffsetChange: (offset: number) => void;
}

/** "Previous page" and "Next page" for a list read by limit and offset; nothing on a single page. */
export function OffsetPager({ offset, pageSize, total, onOffsetChange }: OffsetPagerProps) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <Group gap="sm">
      <Button
        variant="default"
        disabled={offset === 0}
        onClick={() => onOffsetChange(Math.max(0, offset - pageSize))}
      >
        {t('common.previousPage')}
      </Button>
      <Button
        variant="default"
        disabled={offset + pageSize >= total}
        onClick={() => onOffsetChange(offset + pageSize)}
      >
        {t('common.nextPage')}
      </Button>
    </Group>
  );
}
