import en from './en.json';
import id from './id.json';

export const inboxLocales = { id, en: en satisfies typeof id };
