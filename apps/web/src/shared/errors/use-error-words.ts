import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFieldError } from '#shared/api';
import { errorWords, fieldErrorWords, type Wording } from './error-words';

export interface ErrorWords {
  /** A refused request in the user's language (see `errorWords`). */
  error: (error: unknown) => string;
  /** A refused field in the user's language (see `fieldErrorWords`). */
  field: (fieldError: ApiFieldError) => string;
}

/** The one way a screen words an api error: from its codes and parameters, in the current language. */
export function useErrorWords(): ErrorWords {
  const { t, i18n } = useTranslation('refusals');
  return useMemo(() => {
    const wording: Wording = {
      // The codes come from the api, so they are not keys the compiler knows.
      t: (key, values) => String(t(key as never, values as never)),
      exists: (key) => i18n.exists(key, { ns: 'refusals' }),
      language: i18n.resolvedLanguage ?? i18n.language,
    };
    return {
      error: (error) => errorWords(wording, error),
      field: (fieldError) => fieldErrorWords(wording, fieldError),
    };
  }, [t, i18n, i18n.resolvedLanguage]);
}
