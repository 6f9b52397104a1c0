import { useReportsTranslation } from '../i18n';
import type { SetupErrors } from '../model/plan-setup';

/** Translated client-side errors for a set-up form. */
export function useSetupErrors() {
  const { t } = useReportsTranslation();
  return (errors: SetupErrors) =>
    Object.fromEntries(Object.entries(errors).map(([path, key]) => [path, t(`setup.errors.${key}`)]));
}
