import type { VersionContent } from '@mitra/contracts';
import { canonicalize } from '../common/canonical-json';
import { contentHashOf, formatFingerprint, keyFingerprint, sha256Hex, signedMessageOf } from './content-hash';
import { base64UrlToBytes } from './encoding';

describe('SHA-256 and the content hash', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  // A fixed version content; its canonical text and hash were pinned with sha256sum.
  const content = {
    text: { en: { title: 'MoU', opening: [], clauses: [] }, id: { title: 'Nota Kesepahaman', opening: [], clauses: [] } },
    versionNumber: 2,
    kind: 'mou',
    format: 'mitra.agreement/1',
    agreementId: '64a0000000000000000000aa',
    partnershipId: 'p-1',
    templateId: 'mou/1',
    fields: { title: 'Air Bersih', durationMonths: 12 },
  } as unknown as VersionContent;
  const canonical =
    '{"agreementId":"64a0000000000000000000aa","fields":{"durationMonths":12,"title":"Air Bersih"},"format":"mitra.agreement/1",' +
    '"kind":"mou","partnershipId":"p-1","templateId":"mou/1","text":{"en":{"clauses":[],"opening":[],"title":"MoU"},' +
    '"id":{"clauses":[],"opening":[],"title":"Nota Kesepahaman"}},"versionNumber":2}';

  it('hashes the canonical form of a version, whatever order its members are stored in', () => {
    expect(canonicalize(content)).toBe(canonical);
    expect(contentHashOf(content)).toBe('84294f54da93961f3623426c156d228121b31dc17a8f9f0b3f0eab4401cb7643');
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(content).reverse()))) as VersionContent;
    expect(contentHashOf(reordered)).toBe(contentHashOf(content));
  });

  it('changes the hash when one character of the content changes', () => {
    const changed = { ...content, fields: { ...content.fields, title: 'Air BersiH' } } as VersionContent;
    expect(contentHashOf(changed)).not.toBe(contentHashOf(content));
  });

  it('takes the fingerprint of the 32 raw bytes of a public key', () => {
    // RFC 8032 §7.1 test 1 public key; fingerprint pinned with sha256sum.
    const publicKey = base64UrlToBytes('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
    expect(keyFingerprint(publicKey)).toBe('21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9');
    expect(formatFingerprint('21fe31dfa154')).toBe('21fe 31df a154');
    expect(() => keyFingerprint(new Uint8Array(31))).toThrow('32 bytes');
  });

  it('signs the 32 raw bytes of the hash', () => {
    const hash = sha256Hex('abc');
    expect(Array.from(signedMessageOf(hash).slice(0, 3))).toEqual([0xba, 0x78, 0x16]);
    expect(signedMessageOf(hash)).toHaveLength(32);
    expect(() => signedMessageOf('ABC')).toThrow();
  });
});
