import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { safeHttpUrl } from './safe-url';

export interface ExternalLinkProps extends AnchorProps {
  /** A URL from the data: it becomes a link only when it is http(s). */
  href: string | undefined;
  children: ReactNode;
  /** Shown instead when the URL is missing or not http(s); the children by default. */
  fallback?: ReactNode;
  'data-testid'?: string;
}

/**
 * The one way the web links to a URL that came from data (evidence, ledger links, report links):
 * `javascript:`, `data:` and every other scheme never reach an `href`, and the page opened gets no
 * handle on this one.
 */
export function ExternalLink({ href, children, fallback = children, ...anchor }: ExternalLinkProps) {
  const safe = safeHttpUrl(href);
  if (!safe) return <>{fallback}</>;
  return (
    <Anchor {...anchor} href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </Anchor>
  );
}
