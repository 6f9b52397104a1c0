import { defaultLanguage, languageStorageKey, readStoredLanguage, resources } from './i18n';

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

describe('translation resources', () => {
  it('have the same keys in every language', () => {
    expect(keysOf(resources.en.translation).sort()).toEqual(keysOf(resources.id.translation).sort());
  });

  it('are all non-empty strings', () => {
    for (const { translation } of Object.values(resources)) {
      const bad = leavesOf(translation).filter(([, text]) => typeof text !== 'string' || text.trim() === '');
      expect(bad).toEqual([]);
    }
  });
});
