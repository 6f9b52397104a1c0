import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RegionRow } from '@mitra/domain';

const packageDirectory = path.dirname(require.resolve('idn-area-data/package.json'));

/** The catalogue's version: a new one is a reason to try again to code the regions written by hand. */
export const regionCatalogueVersion = `idn-area-data@${(JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8')) as { version: string }).version}`;

/** The package's CSV files, one per level: `code,<parent>_code,name` (villages' names may be quoted). */
export const regionDataDirectory = path.join(packageDirectory, 'data');
const levelFiles = ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv'];

/** One CSV line's fields: commas inside double quotes belong to the field, `""` is a quote. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`unclosed quote in CSV line: ${line}`);
  fields.push(field);
  return fields;
}

/** Rows of a file with a header naming `code` and `name` columns. */
export function regionRowsOf(csv: string, file: string): RegionRow[] {
  const [header, ...lines] = csv.split(/\r?\n/).filter((line) => line.length > 0);
  const columns = csvFields(header ?? '');
  const [codeAt, nameAt] = [columns.indexOf('code'), columns.indexOf('name')];
  if (codeAt < 0 || nameAt < 0) throw new Error(`${file} has no code and name columns`);
  return lines.map((line) => {
    const fields = csvFields(line);
    return { code: fields[codeAt]!, name: fields[nameAt]! };
  });
}

/** Every official region, provinces first; a missing or broken file stops the service. */
export function readOfficialRegions(directory = regionDataDirectory): RegionRow[] {
  return levelFiles.flatMap((file) => regionRowsOf(readFileSync(path.join(directory, file), 'utf8'), file));
}
