import en from './en.json';
import id from './id.json';

/** The `{id, en}` pair of the `refusals` namespace: every refusal and field error code, worded. */
export const refusalsLocales = { id, en: en satisfies typeof id };
