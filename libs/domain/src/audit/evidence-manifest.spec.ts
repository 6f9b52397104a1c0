import { checkManifest, manifestOf, type BundleFile } from './evidence-manifest';

const encode = (text: string) => new TextEncoder().encode(text);
const files: BundleFile[] = [
  { name: 'ledger.csv', bytes: encode('sequence,kind\r\n1,receipt\r\n') },
  { name: 'history/run-1.json', bytes: encode('{"events":[]}') },
];

describe('the evidence manifest', () => {
  it('lists each file with its SHA-256, in sha256sum format, sorted by name', () => {
    expect(manifestOf([{ name: 'a.txt', bytes: encode('abc') }])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n');
    expect(manifestOf(files).split('\n').map((line) => line.slice(66))).toEqual(['history/run-1.json', 'ledger.csv', '']);
  });

  it('finds a changed byte, a missing file and an unlisted one', () => {
    const manifest = manifestOf(files);
    expect(checkManifest([...files, { name: 'manifest.sha256', bytes: encode(manifest) }], manifest)).toEqual([]);
    const altered = files.map((file) => (file.name === 'ledger.csv' ? { ...file, bytes: encode('sequence,kind\r\n1,receipT\r\n') } : file));
    expect(checkManifest(altered, manifest)).toEqual([{ file: 'ledger.csv', problem: 'altered' }]);
    expect(checkManifest([files[0]!, { name: 'extra.pdf', bytes: encode('%PDF') }], manifest)).toEqual([
      { file: 'history/run-1.json', problem: 'missing' },
      { file: 'extra.pdf', problem: 'unlisted' },
    ]);
    expect(checkManifest(files, `${manifest}not a line\n`)).toEqual([{ file: 'manifest.sha256', problem: 'malformed', line: 3 }]);
  });
});
