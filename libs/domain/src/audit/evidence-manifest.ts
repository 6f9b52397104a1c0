import { sha256Hex } from '../agreements/content-hash';

export const manifestFileName = 'manifest.sha256';

export interface BundleFile {
  name: string;
  bytes: Uint8Array;
}

export type ManifestProblem = { file: string; problem: 'missing' | 'altered' | 'unlisted' } | { file: typeof manifestFileName; problem: 'malformed'; line: number };

/** `sha256sum` format (`<hex>  <name>`), sorted by name, so `sha256sum -c` checks it too. */
export function manifestOf(files: readonly BundleFile[]): string {
  return [...files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((file) => `${sha256Hex(file.bytes)}  ${file.name}\n`)
    .join('');
}

/** Every listed file present and unchanged, and nothing in the bundle that the manifest does not list. */
export function checkManifest(files: readonly BundleFile[], manifest: string): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const listed = new Map<string, string>();
  manifest
    .split('\n')
    .filter((line) => line.length > 0)
    .forEach((line, index) => {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (match) listed.set(match[2]!, match[1]!);
      else problems.push({ file: manifestFileName, problem: 'malformed', line: index + 1 });
    });
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const [name, hash] of listed) {
    const file = byName.get(name);
    if (!file) problems.push({ file: name, problem: 'missing' });
    else if (sha256Hex(file.bytes) !== hash) problems.push({ file: name, problem: 'altered' });
  }
  for (const file of files) if (file.name !== manifestFileName && !listed.has(file.name)) problems.push({ file: file.name, problem: 'unlisted' });
  return problems;
}
