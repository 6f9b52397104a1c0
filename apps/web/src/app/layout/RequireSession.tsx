import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { CurrentUserContext, signInPathReturningTo, useSession } from '#shared/auth';
import { ApiErrorAlert, LoadingState } from '#shared/ui';

/** The gate to the signed-in pages: without a session, to the sign-in page, and back here afterwards. */
export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <LoadingState label={t('states.checkingSession')} />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <ApiErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data) {
    return <Navigate to={signInPathReturningTo(`${location.pathname}${location.search}`)} replace />;
  }
  return (
    <CurrentUserContext.Provider value={session.data.user}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
