import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { searchSdgIndicators, searchSdgTargets } from '@mitra/domain';
import { loadSdgCatalogue, sdgDataDirectory } from './sdg-catalogue.service';

const readKeys = (file: string) => parse(readFileSync(path.join(sdgDataDirectory, file), 'utf8')) as Record<string, unknown>;
const codes = (entries: { code: string }[]) => entries.map((entry) => entry.code);

describe('the bundled SDG catalogue', () => {
  const catalogue = loadSdgCatalogue();

  it('has the 17 goals with Indonesian and English names and titles', () => {
    expect(catalogue.goals).toHaveLength(17);
    expect(catalogue.goals[0]).toMatchObject({ code: '1', nameId: 'Tanpa Kemiskinan', nameEn: 'No poverty' });
    expect(catalogue.goals.every((g) => g.nameId && g.nameEn && g.titleId && g.titleEn)).toBe(true);
  });

  it('has the 169 targets and the global indicators, each under an existing target', () => {
    expect(catalogue.targets).toHaveLength(169);
    const targets = new Set(catalogue.targets.map((t) => t.code));
    expect(catalogue.indicators.length).toBeGreaterThan(200);
    expect(catalogue.indicators.every((i) => targets.has(i.target))).toBe(true);
  });

  it.each(['global_targets', 'global_indicators'])('has exactly the same keys in %s.id.yml as in English, none empty', (name) => {
    const english = readKeys(`${name}.en.yml`);
    const indonesian = readKeys(`${name}.id.yml`);
    expect(Object.keys(indonesian).sort()).toEqual(Object.keys(english).sort());
    const empty = Object.entries(indonesian).filter(([, text]) => typeof text !== 'string' || !text.trim());
    expect(empty).toEqual([]);
  });

  it('gives every goal title in Indonesian', () => {
    const english = Object.keys(readKeys('global_goals.en.yml')).filter((key) => key.endsWith('-title'));
    const indonesian = readKeys('goals.id.yml');
    expect(english.filter((key) => typeof indonesian[key] !== 'string')).toEqual([]);
  });

  it('finds targets and indicators by Indonesian words', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: 'garis kemiskinan nasional' }))).toEqual(['1.2.1']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'stunting' }))).toEqual(['2.2.1']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'air minum' }))).toEqual(['6.1.1']);
    expect(codes(searchSdgTargets(catalogue, { q: 'sampah' }))).toEqual(expect.arrayContaining(['11.6', '12.5']));
    expect(codes(searchSdgTargets(catalogue, { goal: '6', q: 'sanitasi' }))).toEqual(expect.arrayContaining(['6.2', '6.a', '6.b']));
  });

  it('finds them by English words when English is asked for', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: 'drinking water', language: 'en' }))).toEqual(['6.1.1']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'STUNTING', language: 'en' }))).toEqual(['2.2.1']);
  });
});
