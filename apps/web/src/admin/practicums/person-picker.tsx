import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PersonMatch, usePeopleLookup } from '../people/use-people-lookup';

/**
 * A people picker: a text field searching by the beginning of a name or e-mail, the matches as
 * buttons ("Choose …"), and the chosen person named under the field.
 */
export function PersonPicker({
  label,
  role,
  value,
  onChange,
  error,
}: {
  label: string;
  role: 'trainee' | 'mentor';
  value: PersonMatch | null;
  onChange: (person: PersonMatch | null) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const lookup = usePeopleLookup(value ? '' : q, { role });
  return (
    <Stack gap={4}>
      <TextInput
        label={label}
        description={
          value
            ? t('admin.practicums.chosen', { name: value.displayName, email: value.email })
            : t('admin.practicums.pickerHint')
        }
        value={text}
        error={error ?? undefined}
        onChange={(event) => {
          setText(event.currentTarget.value);
          if (value) onChange(null);
        }}
      />
      {!value && q && lookup.data ? (
        lookup.data.length === 0 ? (
          <Text size="sm">{t('admin.practicums.nobody', { role })}</Text>
        ) : (
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {lookup.data.map((person) => (
              <li key={person.id}>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => {
                    onChange(person);
                    setText(person.displayName);
                  }}
                >
                  {t('admin.practicums.choose', { name: person.displayName, email: person.email })}
                </Button>
              </li>
            ))}
          </Stack>
        )
      ) : null}
    </Stack>
  );
}
