import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { ApiProblem } from '../api/problem';
import { homeOf } from '../app/home';
import { browserTimeZone } from '../ui/format';
import { applyProblem, ProblemAlert } from '../ui/problem';
import { TimeZoneSelect } from '../ui/time-zone-select';
import { session } from './session';

const route = getRouteApi('/public/register');

export function RegisterPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { displayName: '', email: '', password: '', timeZone: browserTimeZone() },
  });
  useEffect(() => {
    document.title = `${t('identity.register.title')} · ${t('common.appName')}`;
  }, [t]);
  const register = useMutation({
    mutationFn: (values: Parameters<typeof session.register>[0]) => session.register(values),
    onSuccess: (user) => router.history.push(redirect ?? homeOf(user)),
    onError: (error) =>
      setMessage(
        applyProblem(form, error) ??
          (error instanceof ApiProblem ? null : t('common.somethingWrong')),
      ),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        register.mutate(values);
      })}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('identity.register.title')}</Title>
          <Text c="dimmed">{t('identity.register.intro')}</Text>
        </Stack>
        <TextInput
          label={t('identity.displayName')}
          autoComplete="name"
          required
          autoFocus
          key={form.key('displayName')}
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={t('identity.email')}
          type="email"
          autoComplete="email"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <TextInput
          type="password"
          label={t('identity.password')}
          description={t('identity.passwordHint')}
          autoComplete="new-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <TimeZoneSelect
          label={t('identity.timeZone')}
          description={t('identity.timeZoneHint')}
          required
          key={form.key('timeZone')}
          {...form.getInputProps('timeZone')}
        />
        <ProblemAlert message={message} />
        <Button type="submit" loading={register.isPending} fullWidth>
          {t('identity.register.submit')}
        </Button>
        <Text size="sm">
          {t('identity.register.haveAccount')}{' '}
          <AnchorLink to="/login" search={{ redirect }}>
            {t('identity.register.signIn')}
          </AnchorLink>
        </Text>
      </Stack>
    </form>
  );
}
