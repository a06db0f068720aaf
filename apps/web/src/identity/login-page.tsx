import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { ApiProblem } from '../api/problem';
import { homeOf } from '../app/home';
import { applyProblem, ProblemAlert } from '../ui/problem';
import { session } from './session';

const route = getRouteApi('/public/login');

export function LoginPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '', password: '' } });
  useEffect(() => {
    document.title = `${t('identity.login.title')} · ${t('common.appName')}`;
  }, [t]);
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => session.login(values),
    onSuccess: (user) => router.history.push(redirect ?? homeOf(user)),
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 401) {
        setMessage(t('identity.login.failed'));
        return;
      }
      setMessage(
        applyProblem(form, error) ??
          (error instanceof ApiProblem ? null : t('common.somethingWrong')),
      );
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        login.mutate(values);
      })}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('identity.login.title')}</Title>
          <Text c="dimmed">{t('identity.login.intro')}</Text>
        </Stack>
        <TextInput
          label={t('identity.email')}
          type="email"
          autoComplete="email"
          required
          autoFocus
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <TextInput
          type="password"
          label={t('identity.password')}
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <ProblemAlert message={message} />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('identity.login.submit')}
        </Button>
        <Group justify="space-between" gap="xs">
          <AnchorLink to="/forgot-password" size="sm">
            {t('identity.login.forgot')}
          </AnchorLink>
          <Text size="sm">
            {t('identity.login.noAccount')}{' '}
            <AnchorLink to="/register" search={{ redirect }}>
              {t('identity.login.register')}
            </AnchorLink>
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
