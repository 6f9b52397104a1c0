import type {
  AddPartner,
  ContributionKind,
  DecideMaturation,
  LifecycleSettings,
  Organisation,
  PartnerRole,
  StartPartnershipInput,
} from '@mitra/contracts';

type Body<T> = T extends unknown ? Omit<T, 'idempotencyKey' | 'actor'> : never;

// ---------------------------------------------------------------- a new partnership

export type SettingName = keyof LifecycleSettings;

/** The timings a coordinator may set at the start, in the order the form shows them. */
export const settingNames: readonly SettingName[] = [
  'approvalDueDays',
  'remindAfterDays',
  'escalateAfterDays',
  'reportingPeriodDays',
  'reportGraceDays',
  'inactiveAfterMissedPeriods',
];

export interface NewPartnershipValues {
  name: string;
  leadOrganisationId: string | null;
  /** '' keeps the default. */
  settings: Record<SettingName, number | ''>;
}

export const newPartnershipInitialValues = (leadOrganisationId?: string): NewPartnershipValues => ({
  name: '',
  leadOrganisationId: leadOrganisationId ?? null,
  settings: Object.fromEntries(settingNames.map((name) => [name, ''])) as Record<SettingName, number | ''>,
});

/** `POST /partnerships`: only the settings the coordinator filled in; the name's rules are the contract's. */
export function startPartnershipBody(values: NewPartnershipValues): StartPartnershipInput {
  const settings = Object.fromEntries(
    settingNames.flatMap((name) => (values.settings[name] === '' ? [] : [[name, values.settings[name]]])),
  ) as Partial<LifecycleSettings>;
  return {
    name: values.name.trim(),
    ...(values.leadOrganisationId ? { leadOrganisationId: values.leadOrganisationId } : {}),
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
  };
}

// ---------------------------------------------------------------- adding a partner

export interface ContributionRow {
  kind: ContributionKind;
  description: string;
  amountIdr: number | '';
}

export interface AddPartnerValues {
  organisationId: string | null;
  role: PartnerRole;
  /** The joining party's MoU entry; sent only while an MoU is in force. */
  mouParty: {
    address: string;
    representative: { userId: string; name: string; title: string };
    responsibilities: string[];
    contributions: ContributionRow[];
  };
}

export const addPartnerInitialValues = (): AddPartnerValues => ({
  organisationId: null,
  role: 'partner',
  mouParty: {
    address: '',
    representative: { userId: '', name: '', title: '' },
    responsibilities: [''],
    contributions: [],
  },
});

/**
 * The `addPartner` body. With an MoU in force it carries the party's entry, whose name and sector are
 * the registry's and whose role is the partner's role; blank optional parts are left out.
 */
export function addPartnerBody(
  values: AddPartnerValues,
  organisation: Pick<Organisation, 'id' | 'name' | 'sector'> | undefined,
  mouInForce: boolean,
): Body<AddPartner> {
  const organisationId = values.organisationId ?? '';
  if (!mouInForce || !organisation) return { organisationId, role: values.role };
  const { address, representative, responsibilities, contributions } = values.mouParty;
  return {
    organisationId,
    role: values.role,
    mouParty: {
      organisationId: organisation.id,
      name: organisation.name,
      sector: organisation.sector,
      ...(address.trim() ? { address: address.trim() } : {}),
      role: values.role,
      representative: {
        userId: representative.userId.trim(),
        name: representative.name.trim(),
        title: representative.title.trim(),
      },
      responsibilities: responsibilities.map((line) => line.trim()).filter(Boolean),
      contributions: contributions.map(({ kind, description, amountIdr }) => ({
        kind,
        description: description.trim(),
        ...(amountIdr === '' ? {} : { amountIdr }),
      })),
    },
  };
}

// ---------------------------------------------------------------- maturation

export type MaturationOutcome = DecideMaturation['outcome'];

export interface MaturationValues {
  outcome: MaturationOutcome;
  reason: string;
  newLeadOrganisationId: string | null;
  closureReport: { summary: string; documentRef: string };
}

export const maturationInitialValues = (): MaturationValues => ({
  outcome: 'renew',
  reason: '',
  newLeadOrganisationId: null,
  closureReport: { summary: '', documentRef: '' },
});

/** The `decideMaturation` body of the chosen outcome: renew and transfer give a reason, close a report. */
export function maturationBody(values: MaturationValues): Body<DecideMaturation> {
  switch (values.outcome) {
    case 'renew':
      return { outcome: 'renew', reason: values.reason.trim() };
    case 'transfer':
      return {
        outcome: 'transfer',
        newLeadOrganisationId: values.newLeadOrganisationId ?? '',
        reason: values.reason.trim(),
      };
    case 'close': {
      const documentRef = values.closureReport.documentRef.trim();
      return {
        outcome: 'close',
        closureReport: {
          summary: values.closureReport.summary.trim(),
          ...(documentRef ? { documentRef } : {}),
        },
      };
    }
  }
}
