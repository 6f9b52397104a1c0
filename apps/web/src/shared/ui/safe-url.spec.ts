import { safeHttpUrl } from './safe-url';

describe('safeHttpUrl', () => {
  it('keeps web links', () => {
    expect(safeHttpUrl('https://bandung.go.id/notulen.pdf')).toBe('https://bandung.go.id/notulen.pdf');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    'not a url',
    '',
    undefined,
  ])('refuses %p', (value) => {
    expect(safeHttpUrl(value)).toBeUndefined();
  });
});
