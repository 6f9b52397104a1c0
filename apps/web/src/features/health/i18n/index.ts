import en from './en.json';
import id from './id.json';

export const healthLocales = { id, en: en satisfies typeof id };
