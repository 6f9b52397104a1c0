import { signingLocales } from './index';

/** Every translated string as [dotted key, text]. */
function leavesOf(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]): [string, unknown][] =>
    typeof child === 'object' && child !== null
      ? leavesOf(child, `${prefix}${key}.`)
      : [[`${prefix}${key}`, child]],
  );
}
const placeholdersOf = (text: unknown) =>
  String(text)
    .match(/{{\s*\w+\s*}}/g)
    ?.sort() ?? [];

describe('signing translations', () => {
  const id = new Map(leavesOf(signingLocales.id));
  const en = new Map(leavesOf(signingLocales.en));

  it('have the same keys in Bahasa Indonesia and English', () => {
    expect([...en.keys()].sort()).toEqual([...id.keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    expect(
      [...id].filter(([key, text]) => placeholdersOf(text).join() !== placeholdersOf(en.get(key)).join()),
    ).toEqual([]);
  });

  it('are non-empty strings', () => {
    expect([...id, ...en].filter(([, text]) => typeof text !== 'string' || text.trim() === '')).toEqual([]);
  });
});
