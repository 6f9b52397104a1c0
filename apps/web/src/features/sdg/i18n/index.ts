import en from './en.json';
import id from './id.json';

export const sdgLocales = { id, en: en satisfies typeof id };
