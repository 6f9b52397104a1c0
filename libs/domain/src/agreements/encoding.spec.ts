import { base64UrlToBytes, bytesToBase64Url } from './encoding';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('base64url', () => {
  it('matches the RFC 4648 test vectors, unpadded', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [text, encoded] of vectors) {
      expect(bytesToBase64Url(utf8(text))).toBe(encoded);
      expect(base64UrlToBytes(encoded)).toEqual(utf8(text));
    }
  });

  it('uses - and _ and round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64UrlToBytes(bytesToBase64Url(bytes))).toEqual(bytes);
    expect(bytesToBase64Url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
  });

  it('refuses characters outside the alphabet, impossible lengths and stray padding bits', () => {
    expect(() => base64UrlToBytes('Zm9v+')).toThrow('not base64url');
    expect(() => base64UrlToBytes('Z')).toThrow('impossible length');
    expect(() => base64UrlToBytes('Zh')).toThrow('padding bits');
  });
});
