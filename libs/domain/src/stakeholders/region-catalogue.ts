import type { OfficialRegion, Region, RegionInput, RegionLevel } from '@mitra/contracts';
import { regionNameKey, searchWords } from './organisation-identity';

const levelsByDepth: readonly RegionLevel[] = ['province', 'regency', 'district', 'village'];

/** The level a code names, by its number of parts: `32` province … `32.73.01.1001` village. */
export function regionLevelOf(code: string): RegionLevel {
  return levelsByDepth[code.split('.').length - 1]!;
}

/** The codes of the region and every region above it, province first. */
export function regionCodePath(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

/** Whether `code` is `within` or one of its sub-regions. */
export function isWithinRegion(code: string, within: string): boolean {
  return code === within || code.startsWith(`${within}.`);
}

export interface RegionRow {
  code: string;
  name: string;
}

interface CatalogueEntry {
  code: string;
  name: string;
  level: RegionLevel;
  /** The name's search words, each after a space: a word begins with `w` where this includes ` w`. */
  words: string;
}

export interface RegionSearch {
  name?: string;
  level?: RegionLevel;
  within?: string;
  limit: number;
}

/** Why a region as sent cannot be registered, as a refusal code and the field it concerns. */
export type RegionRefusal =
  | { code: 'stakeholders.region_unknown'; field: 'region.code'; params: { code: string } }
  | {
      code: 'stakeholders.region_names_disagree';
      field: `region.${RegionLevel}`;
      params: { code: string; given: string; official: string };
    };

/**
 * The official regions, loaded once: lookups by code, name search, and the coding of regions written
 * by hand. Names are matched as `regionNameKey` compares them ("Kab. Bandung" = "Kabupaten Bandung").
 */
export class RegionCatalogue {
  private readonly entries = new Map<string, CatalogueEntry>();
  /** parent code ('' for the provinces) → name key → codes of that name (two villages may share one). */
  private readonly byName = new Map<string, Map<string, string[]>>();

  constructor(rows: Iterable<RegionRow>) {
    for (const { code, name } of rows) {
      const level = regionLevelOf(code);
      this.entries.set(code, { code, name, level, words: ` ${searchWords(name).join(' ')}` });
      const parent = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : '';
      const names = this.byName.get(parent) ?? new Map<string, string[]>();
      for (const key of nameKeys(name, level)) names.set(key, [...(names.get(key) ?? []), code]);
      this.byName.set(parent, names);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(code: string): OfficialRegion | undefined {
    const entry = this.entries.get(code);
    if (!entry) return undefined;
    const parents = regionCodePath(code)
      .slice(0, -1)
      .map((parent) => ({ code: parent, name: this.entries.get(parent)?.name ?? parent }));
    return { code, name: entry.name, level: entry.level, parents };
  }

  /** Regions whose name has a word beginning with each word of `name`, provinces first, then by name. */
  search({ name, level, within, limit }: RegionSearch): OfficialRegion[] {
    const wanted = name === undefined ? [] : searchWords(name);
    const found: CatalogueEntry[] = [];
    for (const entry of this.entries.values()) {
      if (level && entry.level !== level) continue;
      if (within && !(entry.code !== within && isWithinRegion(entry.code, within))) continue;
      if (!wanted.every((word) => entry.words.includes(` ${word}`))) continue;
      found.push(entry);
    }
    return found
      .sort(
        (a, b) =>
          levelsByDepth.indexOf(a.level) - levelsByDepth.indexOf(b.level) ||
          a.name.localeCompare(b.name, 'id') ||
          a.code.localeCompare(b.code),
      )
      .slice(0, limit)
      .map((entry) => this.get(entry.code)!);
  }

  /**
   * The region to register: a code gets its official names (names sent beside it must agree); names
   * alone get the code of the one official region they lead to, or stay uncoded.
   */
  resolve(input: RegionInput): { region: Region } | { refusal: RegionRefusal } {
    if (input.code === undefined) return { region: this.coded(input as Region) }; // the schema requires a province then
    const entry = this.entries.get(input.code);
    if (!entry)
      return {
        refusal: { code: 'stakeholders.region_unknown', field: 'region.code', params: { code: input.code } },
      };
    const official = this.namesOf(input.code);
    for (const level of levelsByDepth) {
      const given = input[level];
      const expected = official[level];
      if (given === undefined) continue;
      if (expected === undefined || !nameKeys(expected, level).includes(regionNameKey(given, level))) {
        return {
          refusal: {
            code: 'stakeholders.region_names_disagree',
            field: `region.${level}`,
            params: { code: input.code, given, official: expected ?? '' },
          },
        };
      }
    }
    return { region: { code: input.code, ...official } };
  }

  private namesOf(code: string): Omit<Region, 'code'> {
    const names: Partial<Record<RegionLevel, string>> = {};
    for (const part of regionCodePath(code)) {
      const entry = this.entries.get(part)!;
      names[entry.level] = entry.name;
    }
    return names as Omit<Region, 'code'>;
  }

  /** A region of names with the code of the most precise level they name, if exactly one region matches. */
  private coded(region: Region): Region {
    let parent = '';
    let code: string | undefined;
    for (const level of levelsByDepth) {
      const name = region[level];
      if (name === undefined) break;
      const matches = this.byName.get(parent)?.get(regionNameKey(name, level)) ?? [];
      if (matches.length !== 1) return region;
      code = parent = matches[0]!;
    }
    return code ? { ...region, code } : region;
  }
}

/**
 * The keys a name is found under: its own, and for a regency or city also without "Kabupaten"/"Kota"
 * when people leave it out ("Bandung Barat" for "Kabupaten Bandung Barat"); where that leaves two
 * regions ("Bandung": the regency and the city), both are listed and neither is chosen.
 */
function nameKeys(name: string, level: RegionLevel): string[] {
  const key = regionNameKey(name, level);
  if (level !== 'regency') return [key];
  const short = key.replace(/^(kabupaten|kota|kota administrasi) /, '');
  return short === key ? [key] : [key, short];
}
