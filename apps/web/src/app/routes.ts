import { lazy } from 'react';
import { auditWorkspaceRoles } from '#shared/partnerships';
import type { PageRoute } from './navigation';

/**
 * The signed-in pages, in navigation order. A feature adds its page with one line:
 * `{ path: 'reports', roles: ['partner'], label: 'reports:nav', page: () => import('../features/reports').then((m) => m.ReportsPage) }`.
 */
export const pages: PageRoute[] = [
  {
    path: 'inbox',
    label: 'inbox:nav',
    page: () => import('../features/inbox').then((m) => m.InboxLanding),
    badge: lazy(() => import('../features/inbox').then((m) => ({ default: m.InboxNavCount }))),
  },
  {
    path: 'partnerships',
    label: 'partnerships:nav',
    page: () => import('../features/partnerships').then((m) => m.PartnershipsPage),
  },
  { path: 'sdg', label: 'sdg:nav', page: () => import('../features/sdg').then((m) => m.SdgPage) },
  { path: 'agreements/:agreementId', page: () => import('../features/signing').then((m) => m.AgreementPage) },
  {
    path: 'agreements/:agreementId/revise',
    roles: ['coordinator', 'admin'],
    page: () => import('../features/signing').then((m) => m.ReviseAgreementPage),
  },
  {
    path: 'audit/partnerships/:partnershipId',
    roles: auditWorkspaceRoles,
    page: () => import('../features/auditor').then((m) => m.AuditPartnershipPage),
  },
];

/**
 * The tabs of a partnership page (`/partnerships/:partnershipId/<path>`); the page reads the id with
 * `useParams()`. A feature adds a tab with one line, e.g.
 * `{ path: 'agreements', label: 'signing:tab', page: () => import('../features/signing').then((m) => m.AgreementsTab) }`.
 */
export const partnershipTabs: PageRoute[] = [
  {
    path: '',
    label: 'partnerships:tabs.process',
    page: () => import('../features/partnerships').then((m) => m.ProcessTab),
  },
  {
    path: 'stakeholders',
    label: 'partnerships:tabs.stakeholders',
    page: () => import('../features/partnerships').then((m) => m.StakeholdersTab),
  },
  {
    path: 'partners',
    label: 'partnerships:tabs.partners',
    page: () => import('../features/partnerships').then((m) => m.PartnersTab),
  },
  {
    path: 'agreements',
    label: 'signing:tab',
    page: () => import('../features/signing').then((m) => m.AgreementsTab),
  },
  {
    path: 'agreements/new',
    roles: ['coordinator', 'admin'],
    page: () => import('../features/signing').then((m) => m.DraftAgreementPage),
  },
  {
    path: 'reports',
    label: 'reports:tab',
    page: () => import('../features/reports').then((m) => m.ReportsPage),
  },
  {
    path: 'funding',
    label: 'funding:tab',
    page: () => import('../features/funding').then((m) => m.FundingTab),
  },
  {
    path: 'publication',
    label: 'publication:tab',
    page: () => import('../features/publication').then((m) => m.PublicationTab),
  },
];
