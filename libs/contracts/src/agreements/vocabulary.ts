/** The words of agreements that the lifecycle workflow needs too: kept free of schemas so its bundle stays small. */
export const agreementKinds = ['mou', 'pks'] as const;
/** `mou`: Nota Kesepahaman (MoU); `pks`: Perjanjian Kerja Sama (cooperation agreement). */
export type AgreementKind = (typeof agreementKinds)[number];

export const agreementPartyRoles = ['lead', 'partner', 'supporter', 'beneficiary', 'evaluator'] as const;
export type AgreementPartyRole = (typeof agreementPartyRoles)[number];

/** What a party brings (seed 001: financial and non-financial support, reach, regulation, labour, supervision). */
export const contributionKinds = [
  'funds',
  'expertise',
  'network',
  'geographic_reach',
  'regulation',
  'labour',
  'supervision',
  'facilities',
] as const;
export type ContributionKind = (typeof contributionKinds)[number];

export const agreementEventNames = [
  'opened',
  'signed',
  'declined',
  'effective',
  'amended',
  'expired',
  'reminded',
  'cancelled',
  'queued',
] as const;
export type AgreementEventName = (typeof agreementEventNames)[number];

/** `agreements.mou.effective`, `agreements.pks.signed`, ... (the lifecycle workflow consumes the `mou` ones). */
export const agreementEventType = (kind: AgreementKind, name: AgreementEventName) =>
  `agreements.${kind}.${name}` as const;
