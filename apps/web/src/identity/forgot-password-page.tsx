import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../ui/app-link';
import { api } from '../api/client';
import { ApiProblem, unwrap } from '../api/problem';
import { applyProblem, ProblemAlert } from '../ui/problem';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '' } });
  useEffect(() => {
    document.title = `${t('identity.forgot.title')} · ${t('common.appName')}`;
  }, [t]);
  const send = useMutation({
    mutationFn: async (body: { email: string }) => {
      unwrap(await api.POST('/api/v1/auth/password-reset', { body }));
      return body.email;
    },
    onError: (error) =>
      setMessage(
        applyProblem(form, error) ??
          (error instanceof ApiProblem ? null : t('common.somethingWrong')),
      ),
  });

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('identity.forgot.title')}</Title>
        <Text c="dimmed">{t('identity.forgot.intro')}</Text>
      </Stack>
      {send.isSuccess ? (
        <Alert color="teal" variant="outline" role="status">
          {t('identity.forgot.sent', { email: send.data })}
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setMessage(null);
            send.mutate(values);
          })}
        >
          <Stack gap="md">
            <TextInput
              label={t('identity.email')}
              type="email"
              autoComplete="email"
              required
              autoFocus
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <ProblemAlert message={message} />
            <Button type="submit" loading={send.isPending} fullWidth>
              {t('identity.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <AnchorLink to="/login" search={{ redirect: undefined }} size="sm">
        {t('identity.forgot.back')}
      </AnchorLink>
    </Stack>
  );
}
