import { useTranslation } from 'react-i18next';
import type { Translate } from '../model/field-errors';

/** The partnerships namespace's field-error texts, as the form checks and the api's errors want them. */
export function usePartnershipsT(): Translate {
  const { t } = useTranslation('partnerships');
  return (key, values) => (values ? t(key, values) : t(key));
}
