import { z } from 'zod';

/**
 * A link people follow: http or https only, so no `javascript:`, `data:` or `file:` URL reaches a
 * page that renders it as a link. The web checks again before it renders one (`safeHref`).
 */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) link' }));
