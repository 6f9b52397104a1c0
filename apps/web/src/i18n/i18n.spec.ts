import { defaultLanguage, languageStorageKey, readStoredLanguage } from '#shared/i18n';
import { resources } from './i18n';
import { namespaces } from './namespaces';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

/** Every translated string as [dotted key, text]. */
function leavesOf(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]): [string, unknown][] =>
    typeof child === 'object' && child !== null
      ? leavesOf(child, `${prefix}${key}.`)
      : [[`${prefix}${key}`, child]],
  );
}
const keysOf = (value: object) => leavesOf(value).map(([key]) => key);

describe('readStoredLanguage', () => {
  it('defaults to Bahasa Indonesia', () => {
    expect(defaultLanguage).toBe('id');
    expect(readStoredLanguage(memoryStorage())).toBe('id');
    expect(readStoredLanguage(undefined)).toBe('id');
  });

  it('returns a stored supported language', () => {
    expect(readStoredLanguage(memoryStorage({ [languageStorageKey]: 'en' }))).toBe('en');
  });

  it('ignores an unsupported stored value', () => {
    expect(readStoredLanguage(memoryStorage({ [languageStorageKey]: 'fr' }))).toBe('id');
  });

  it('survives a storage that throws', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
    };
    expect(readStoredLanguage(blocked)).toBe('id');
  });
});

const placeholdersOf = (text: unknown) =>
  String(text)
    .match(/{{\s*\w+\s*}}/g)
    ?.sort() ?? [];

describe('translation resources', () => {
  it.each(Object.keys(namespaces))('have the same keys in every language in namespace %s', (namespace) => {
    const { id, en } = namespaces[namespace as keyof typeof namespaces];
    expect(keysOf(en).sort()).toEqual(keysOf(id).sort());
  });

  it('use the same placeholders in every language', () => {
    const mismatches = Object.entries(namespaces).flatMap(([namespace, { id, en }]) => {
      const english = new Map(leavesOf(en));
      return leavesOf(id)
        .filter(([key, text]) => placeholdersOf(text).join() !== placeholdersOf(english.get(key)).join())
        .map(([key]) => `${namespace}:${key}`);
    });
    expect(mismatches).toEqual([]);
  });

  it('are all non-empty strings', () => {
    for (const language of Object.values(resources)) {
      const bad = leavesOf(language).filter(([, text]) => typeof text !== 'string' || text.trim() === '');
      expect(bad).toEqual([]);
    }
  });

  it('register every namespace in both languages', () => {
    expect(Object.keys(resources.id).sort()).toEqual(Object.keys(namespaces).sort());
    expect(Object.keys(resources.en).sort()).toEqual(Object.keys(namespaces).sort());
  });
});
