import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { ExternalLink } from './ExternalLink';

/** The markup of the link alone, without the style sheets the provider writes. */
const render = (href: string | undefined, fallback?: string) =>
  renderToStaticMarkup(
    <MantineProvider>
      <ExternalLink href={href} fallback={fallback}>
        Notulen
      </ExternalLink>
    </MantineProvider>,
  ).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');

describe('ExternalLink', () => {
  it('links an http(s) URL in a new page without a handle on this one', () => {
    const html = render('https://bandung.go.id/notulen.pdf');
    expect(html).toContain('href="https://bandung.go.id/notulen.pdf"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('target="_blank"');
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    undefined,
  ])('renders %p as text, never as a link', (href) => {
    const html = render(href);
    expect(html).toBe('Notulen');
    expect(render(href, '')).toBe('');
  });
});
