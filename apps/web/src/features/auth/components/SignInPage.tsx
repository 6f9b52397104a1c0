import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homePathFor, safeReturnPath, useSignIn, type Session } from '#shared/auth';
import { useErrorWords } from '#shared/errors';
import { showFieldErrors } from '#shared/forms';
import { queryKeys } from '#shared/query';
import { signInChecks, signInFailure } from '../sign-in-failure';

export function SignInPage() {
  const { t } = useTranslation('auth');
  const { t: common } = useTranslation();
  const words = useErrorWords();
  useDocumentTitle(`${t('signIn.title')} · ${common('app.name')}`);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeReturnPath(searchParams.get('next'));
  const signIn = useSignIn();
  // Only what is known already: asking the api here would only log an expected 401.
  const known = useQueryClient().getQueryData<Session | null>(queryKeys.session);

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => {
        const key = signInChecks.email(value);
        return key && t(key);
      },
      password: (value) => {
        const key = signInChecks.password(value);
        return key && t(key);
      },
    },
  });

  if (known && !signIn.isPending && !signIn.isSuccess)
    return <Navigate to={next ?? homePathFor(known.user.role)} replace />;

  const submit = form.onSubmit((values) =>
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (session) => void navigate(next ?? homePathFor(session.user.role), { replace: true }),
        onError: (error) => {
          showFieldErrors(form, error, words.field);
          form.setFieldValue('password', '');
        },
      },
    ),
  );

  const failure = signIn.isError ? signInFailure(signIn.error) : undefined;
  const failureText = (() => {
    switch (failure?.kind) {
      case undefined:
      case 'fields':
        return undefined;
      case 'wrongCredentials':
        return t('signIn.wrongCredentials');
      case 'tooManyAttempts':
        return failure.minutes === undefined
          ? t('signIn.tooManyAttemptsLater')
          : t('signIn.tooManyAttempts', { minutes: failure.minutes });
      case 'other':
        return common(`errors.${failure.code}`);
    }
  })();

  return (
    <Center py={48}>
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form onSubmit={submit} noValidate data-testid="sign-in-form">
          <Stack>
            <div>
              <Title order={1} size="h2" data-testid="page-title">
                {t('signIn.title')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t('signIn.description')}
              </Text>
            </div>
            {failureText && (
              <Alert
                color="red"
                variant="light"
                title={t('signIn.failed')}
                role="alert"
                data-testid="sign-in-error"
                data-kind={failure?.kind}
              >
                {failureText}
              </Alert>
            )}
            <TextInput
              label={t('signIn.email')}
              placeholder={t('signIn.emailPlaceholder')}
              type="email"
              autoComplete="username"
              required
              data-testid="sign-in-email"
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              data-testid="sign-in-password"
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={signIn.isPending} data-testid="sign-in-submit">
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
