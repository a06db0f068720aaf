import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { type ChangeEvent, type FocusEventHandler, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

const DAY = /^\d{4}-\d{2}-\d{2}/;

interface DateFieldProps {
  label: ReactNode;
  description?: ReactNode;
  /** A date and a time (`YYYY-MM-DD HH:mm`) instead of a date (`YYYY-MM-DD`). */
  withTime?: boolean;
  required?: boolean;
  error?: ReactNode;
  value?: string | null;
  defaultValue?: string | null;
  onChange?: (value: string) => void;
  onFocus?: FocusEventHandler<HTMLInputElement>;
  onBlur?: FocusEventHandler<HTMLInputElement>;
}

/**
 * A date (or date and time) typed as text, with a calendar behind its own button: typing never
 * opens a dropdown that would cover the controls below it.
 */
export function DateField({
  label,
  description,
  withTime = false,
  required,
  error,
  value,
  defaultValue,
  onChange,
  onFocus,
  onBlur,
}: DateFieldProps) {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(false);
  const [text, setText] = useState(value ?? defaultValue ?? '');
  const shown = value ?? text;
  const change = (next: string) => {
    setText(next);
    onChange?.(next);
  };
  const pick = (day: string | null) => {
    if (!day) return;
    const time = withTime ? shown.slice(11, 16) || '09:00' : '';
    change(withTime ? `${day} ${time}` : day);
    close();
  };
  const picked = DAY.exec(shown)?.[0] ?? null;
  return (
    <TextInput
      label={label}
      description={description}
      placeholder={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      inputMode="numeric"
      autoComplete="off"
      required={required}
      error={error}
      value={shown}
      onChange={(event: ChangeEvent<HTMLInputElement>) => change(event.currentTarget.value)}
      onFocus={onFocus}
      onBlur={onBlur}
      rightSection={
        <Popover
          opened={opened}
          onChange={(open) => !open && close()}
          trapFocus
          position="bottom-end"
        >
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              aria-label={t('common.openCalendar')}
              aria-expanded={opened}
              onClick={toggle}
            >
              <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none">
                <rect
                  x="3"
                  y="5"
                  width="18"
                  height="16"
                  rx="2"
                  stroke="currentColor"
                  strokeWidth="2"
                />
                <path d="M3 10h18M8 3v4M16 3v4" stroke="currentColor" strokeWidth="2" />
              </svg>
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker value={picked} defaultDate={picked ?? undefined} onChange={pick} />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}
