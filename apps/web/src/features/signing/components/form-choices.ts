import type { useSigningTranslation } from '../i18n';

type T = ReturnType<typeof useSigningTranslation>['t'];

/** A native select's options: an empty "choose" first, so an unmade choice reaches the api as missing. */
export function choices<V extends string>(t: T, values: readonly V[], label: (value: V) => string) {
  return [{ value: '', label: t('form.choose') }, ...values.map((value) => ({ value, label: label(value) }))];
}
