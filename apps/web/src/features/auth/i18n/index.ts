import en from './en.json';
import id from './id.json';

export const authLocales = { id, en: en satisfies typeof id };
