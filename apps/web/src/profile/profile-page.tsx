import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { useUser } from '../identity/session';
import { Page } from '../ui/page';
import { applyProblem, ProblemAlert } from '../ui/problem';
import { TimeZoneSelect } from '../ui/time-zone-select';
import { useChangePassword, useUpdateProfile } from './use-profile';

function Done({ children }: { children: string }) {
  return (
    <Alert color="teal" variant="outline" role="status">
      {children}
    </Alert>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const user = useUser();
  const update = useUpdateProfile();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { displayName: user.displayName, timeZone: user.timeZone },
    validate: {
      displayName: (value) => (value.trim() ? null : t('profile.displayNameRequired')),
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="profile-heading" padding="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          update.mutate(
            { displayName: values.displayName.trim(), timeZone: values.timeZone },
            {
              onError: (error) =>
                setMessage(
                  applyProblem(form, error) ??
                    (error instanceof ApiProblem ? null : t('common.somethingWrong')),
                ),
            },
          );
        })}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="profile-heading">
            {t('profile.details')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.email', { email: user.email })}
          </Text>
          <TextInput
            label={t('profile.displayName')}
            autoComplete="name"
            required
            key={form.key('displayName')}
            {...form.getInputProps('displayName')}
          />
          <TimeZoneSelect
            label={t('profile.timeZone')}
            description={t('profile.timeZoneHint')}
            required
            key={form.key('timeZone')}
            {...form.getInputProps('timeZone')}
          />
          <ProblemAlert message={message} />
          {update.isSuccess && !update.isPending ? <Done>{t('profile.saved')}</Done> : null}
          <Button type="submit" loading={update.isPending} w="fit-content">
            {t('profile.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('profile.currentRequired')),
      newPassword: (value) => (value.length >= 10 ? null : t('profile.newTooShort')),
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="password-heading" padding="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          change.mutate(values, {
            onSuccess: () => form.reset(),
            onError: (error) => {
              // A wrong current password is refused without naming a field: it belongs beside it.
              if (error instanceof ApiProblem && error.status === 403) {
                form.setFieldError(
                  'currentPassword',
                  error.problem.detail ?? t('profile.currentWrong'),
                );
                return;
              }
              setMessage(
                applyProblem(form, error) ??
                  (error instanceof ApiProblem ? null : t('common.somethingWrong')),
              );
            },
          });
        })}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="password-heading">
            {t('profile.password')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.passwordIntro')}
          </Text>
          <TextInput
            type="password"
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <TextInput
            type="password"
            label={t('profile.newPassword')}
            description={t('profile.newPasswordHint')}
            autoComplete="new-password"
            required
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <ProblemAlert message={message} />
          {change.isSuccess && !change.isPending ? (
            <Done>{t('profile.passwordChanged')}</Done>
          ) : null}
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('profile.changePassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('profile.title')}>
      <ProfileForm />
      <PasswordForm />
    </Page>
  );
}
