import { Alert, Button, Stack, Title, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { api } from '../api/client';
import { ApiProblem, unwrap } from '../api/problem';
import { ProblemAlert } from '../ui/problem';

const route = getRouteApi('/public/reset-password');

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ mode: 'uncontrolled', initialValues: { password: '' } });
  useEffect(() => {
    document.title = `${t('identity.reset.title')} · ${t('common.appName')}`;
  }, [t]);
  const reset = useMutation({
    mutationFn: async (password: string) =>
      unwrap(
        await api.POST('/api/v1/auth/password-reset/confirm', {
          body: { token: token ?? '', password },
        }),
      ),
    onError: (error) => {
      if (!(error instanceof ApiProblem)) return setMessage(t('common.somethingWrong'));
      const passwordError = error.fieldError('password');
      if (passwordError) form.setFieldError('password', passwordError);
      setMessage(passwordError ? null : (error.problem.detail ?? error.problem.title ?? null));
    },
  });

  return (
    <Stack gap="md">
      <Title order={1}>{t('identity.reset.title')}</Title>
      {!token ? (
        <Alert color="red" variant="outline" role="alert">
          {t('identity.reset.noToken')}{' '}
          <AnchorLink to="/forgot-password">{t('identity.reset.askAgain')}</AnchorLink>
        </Alert>
      ) : reset.isSuccess ? (
        <Alert color="teal" variant="outline" role="status">
          {t('identity.reset.done')}{' '}
          <AnchorLink to="/login" search={{ redirect: undefined }}>
            {t('identity.reset.signIn')}
          </AnchorLink>
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setMessage(null);
            reset.mutate(values.password);
          })}
        >
          <Stack gap="md">
            <TextInput
              type="password"
              label={t('identity.reset.newPassword')}
              description={t('identity.passwordHint')}
              autoComplete="new-password"
              required
              autoFocus
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <ProblemAlert message={message} />
            <Button type="submit" loading={reset.isPending} fullWidth>
              {t('identity.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
