import en from './en.json';
import id from './id.json';

export const partnershipsLocales = { id, en: en satisfies typeof id };
