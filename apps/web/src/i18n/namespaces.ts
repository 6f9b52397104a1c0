import { auditorLocales } from '../features/auditor/i18n';
import { authLocales } from '../features/auth/i18n';
import { fundingLocales } from '../features/funding/i18n';
import { healthLocales } from '../features/health/i18n';
import { inboxLocales } from '../features/inbox/i18n';
import { partnershipsLocales } from '../features/partnerships/i18n';
import { publicationLocales } from '../features/publication/i18n';
import { reportsLocales } from '../features/reports/i18n';
import { sdgLocales } from '../features/sdg/i18n';
import { signingLocales } from '../features/signing/i18n';
import { refusalsLocales } from '../shared/errors/i18n';
import en from './locales/en.json';
import id from './locales/id.json';

/**
 * One i18next namespace per feature, each with its own `i18n/{id,en}.json`, so features are translated
 * without touching each other's files. A new feature adds one import and one line here; the spec checks
 * that every namespace has the same keys in both languages.
 */
export const namespaces = {
  translation: { id, en: en satisfies typeof id },
  auditor: auditorLocales,
  auth: authLocales,
  funding: fundingLocales,
  health: healthLocales,
  inbox: inboxLocales,
  partnerships: partnershipsLocales,
  publication: publicationLocales,
  refusals: refusalsLocales,
  reports: reportsLocales,
  sdg: sdgLocales,
  signing: signingLocales,
};

export type Namespace = keyof typeof namespaces;
