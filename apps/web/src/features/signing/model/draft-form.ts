import type { PartnershipAccount } from '#shared/partnerships';
import type {
  AgreementFields,
  AgreementKind,
  AgreementParty,
  AgreementPartyRole,
  ContributionKind,
  DecisionRule,
  Frequency,
  FundingMechanism,
  LifecycleState,
  MonitoringPlan,
  Organisation,
  Person,
  Representative,
  Sector,
} from '@mitra/contracts';

/** A choice not made yet: the native selects' empty option. */
type Choice<T extends string> = T | '';

export interface ContributionValues {
  /** A stable React key for the row. */
  key: string;
  kind: Choice<ContributionKind>;
  description: string;
  amountIdr: number | '';
}

export interface PartyValues {
  key: string;
  organisationId: string;
  name: string;
  sector: Choice<Sector>;
  address: string;
  role: Choice<AgreementPartyRole>;
  representative: { userId: string; name: string; title: string };
  /** One responsibility a line. */
  responsibilities: string;
  contributions: ContributionValues[];
}

/** The draft form: `AgreementFields` as inputs hold them (lists as lines, choices possibly unmade). */
export interface DraftFormValues {
  title: string;
  place: string;
  parties: PartyValues[];
  mouReference: string;
  background: string;
  purpose: string;
  /** One item a line. */
  scope: string;
  sdgTargets: string[];
  governance: { body: string; decisionRule: Choice<DecisionRule>; meetingFrequency: Choice<Frequency> };
  communication: string;
  funding: { mechanism: Choice<FundingMechanism>; notes: string };
  reporting: { frequency: Choice<Frequency>; notes: string };
  confidentiality: string;
  startDate: string;
  durationMonths: number | '';
  disputeVenue: string;
}

type Draft<T> = T extends readonly (infer U)[]
  ? Draft<U>[]
  : T extends object
    ? { [K in keyof T]?: Draft<T[K]> }
    : T;
/**
 * What the form sends. It may be incomplete: the api's contract judges it and names every field it
 * refuses, which the form then shows at that field.
 */
export type AgreementFieldsDraft = Draft<AgreementFields>;

let rowCounter = 0;
const rowKey = (prefix: string) => `${prefix}-${++rowCounter}`;

export const emptyContribution = (): ContributionValues => ({
  key: rowKey('contribution'),
  kind: '',
  description: '',
  amountIdr: '',
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());
/** Leaves out what is undefined, so an unmade choice reaches the api as a missing field. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
const chosen = <T extends string>(value: Choice<T>): T | undefined => (value === '' ? undefined : value);

function partyDraft(party: PartyValues): Draft<AgreementParty> {
  return defined({
    organisationId: party.organisationId,
    name: party.name.trim(),
    sector: chosen(party.sector),
    address: optionalText(party.address),
    role: chosen(party.role),
    representative: {
      userId: party.representative.userId.trim(),
      name: party.representative.name.trim(),
      title: party.representative.title.trim(),
    },
    responsibilities: lines(party.responsibilities),
    contributions: party.contributions.map((contribution) =>
      defined({
        kind: chosen(contribution.kind),
        description: contribution.description.trim(),
        amountIdr: contribution.amountIdr === '' ? undefined : contribution.amountIdr,
      }),
    ),
  });
}

/** The form's values as the fields the api takes; a PKS names the MoU it implements, an MoU does not. */
export function toAgreementFields(kind: AgreementKind, values: DraftFormValues): AgreementFieldsDraft {
  return defined({
    title: values.title.trim(),
    place: values.place.trim(),
    parties: values.parties.map(partyDraft),
    mouReference: kind === 'pks' ? optionalText(values.mouReference) : undefined,
    background: values.background.trim(),
    purpose: values.purpose.trim(),
    scope: lines(values.scope),
    sdgTargets: [...new Set(values.sdgTargets.map((target) => target.trim()).filter((target) => target))],
    governance: defined({
      body: values.governance.body.trim(),
      decisionRule: chosen(values.governance.decisionRule),
      meetingFrequency: chosen(values.governance.meetingFrequency),
    }),
    communication: values.communication.trim(),
    funding: defined({
      mechanism: chosen(values.funding.mechanism),
      notes: optionalText(values.funding.notes),
    }),
    reporting: defined({
      frequency: chosen(values.reporting.frequency),
      notes: optionalText(values.reporting.notes),
    }),
    confidentiality: optionalText(values.confidentiality),
    startDate: optionalText(values.startDate),
    durationMonths: values.durationMonths === '' ? undefined : values.durationMonths,
    disputeVenue: optionalText(values.disputeVenue),
  });
}

/** A version's fields as the starting point of the next version. */
export function formValuesFromFields(fields: AgreementFields): DraftFormValues {
  return {
    title: fields.title,
    place: fields.place,
    parties: fields.parties.map((party) => ({
      key: rowKey('party'),
      organisationId: party.organisationId,
      name: party.name,
      sector: party.sector,
      address: party.address ?? '',
      role: party.role,
      representative: { ...party.representative },
      responsibilities: party.responsibilities.join('\n'),
      contributions: party.contributions.map((contribution) => ({
        key: rowKey('contribution'),
        kind: contribution.kind,
        description: contribution.description,
        amountIdr: contribution.amountIdr ?? '',
      })),
    })),
    mouReference: fields.mouReference ?? '',
    background: fields.background,
    purpose: fields.purpose,
    scope: fields.scope.join('\n'),
    sdgTargets: [...fields.sdgTargets],
    governance: { ...fields.governance },
    communication: fields.communication,
    funding: { mechanism: fields.funding.mechanism, notes: fields.funding.notes ?? '' },
    reporting: { frequency: fields.reporting.frequency, notes: fields.reporting.notes ?? '' },
    confidentiality: fields.confidentiality ?? '',
    startDate: fields.startDate,
    durationMonths: fields.durationMonths,
    disputeVenue: fields.disputeVenue ?? '',
  };
}

export interface PrefillSources {
  partnership: Pick<LifecycleState, 'name' | 'partners'>;
  organisations: readonly Organisation[];
  /** The partnership's current representatives (`GET /partnerships/:id/representatives`). */
  representatives: readonly Representative[];
  /** The people among them that could be read. */
  people: readonly Person[];
  /** The monitoring plan, if it could be read. */
  plan: Pick<MonitoringPlan, 'sdgTargets'> | undefined;
  /** The accounts that may act in the partnership (`GET /partnerships/:id/accounts`). */
  accounts: readonly Pick<PartnershipAccount, 'id' | 'name' | 'role' | 'organisationId'>[];
}

const roleOrder: Record<AgreementPartyRole, number> = {
  lead: 0,
  partner: 1,
  supporter: 2,
  evaluator: 3,
  beneficiary: 4,
};

/**
 * The accounts that may sign for an organisation: whoever acts for it, a partner representative or a
 * coordinator (the lead is often the local government whose officers coordinate the partnership).
 */
export const signingAccountsOf = (organisationId: string, accounts: PrefillSources['accounts']) =>
  accounts.filter(
    (account) =>
      (account.role === 'partner' || account.role === 'coordinator') &&
      account.organisationId === organisationId,
  );

/**
 * The organisation's signatory: the person representing it in this partnership (the one assigned
 * last), and the account that signs for it – the one bearing that person's name, else the
 * organisation's only account. The registry of people is not the registry of accounts, so an
 * ambiguous account is left for the coordinator to choose.
 */
function signatoryOf(organisationId: string, sources: PrefillSources) {
  const assigned = sources.representatives
    .filter((representative) => representative.organisationId === organisationId)
    .sort((a, b) => a.assignedAt.localeCompare(b.assignedAt))
    .at(-1);
  const person = assigned && sources.people.find((candidate) => candidate.id === assigned.personId);
  const accounts = signingAccountsOf(organisationId, sources.accounts);
  const account =
    accounts.find(
      (candidate) => person && candidate.name.trim().toLowerCase() === person.name.trim().toLowerCase(),
    ) ?? (accounts.length === 1 ? accounts[0] : undefined);
  const membership = person?.memberships.find((m) => m.organisationId === organisationId);
  return {
    userId: account?.id ?? '',
    name: person?.name ?? account?.name ?? '',
    title: membership?.role ?? '',
  };
}

/**
 * A new draft from what the partnership already knows: its active partners as parties (the lead
 * first) with their registered names and sectors and the person representing each, the SDG targets of
 * its monitoring plan, its name as the title and the lead's city as the place of signing.
 */
export function prefillDraft(sources: PrefillSources): DraftFormValues {
  const organisation = (id: string) => sources.organisations.find((candidate) => candidate.id === id);
  const partners = sources.partnership.partners
    .filter((partner) => !partner.withdrawnAt)
    .map((partner, index) => ({ partner, index }))
    .sort((a, b) => roleOrder[a.partner.role] - roleOrder[b.partner.role] || a.index - b.index)
    .map(({ partner }) => partner);
  const lead = partners.find((partner) => partner.role === 'lead');
  const region = lead ? organisation(lead.organisationId)?.region : undefined;

  return {
    title: sources.partnership.name,
    place: region?.regency ?? region?.province ?? '',
    parties: partners.map((partner) => {
      const registered = organisation(partner.organisationId);
      return {
        key: rowKey('party'),
        organisationId: partner.organisationId,
        name: registered?.name ?? '',
        sector: registered?.sector ?? '',
        address: '',
        role: partner.role,
        representative: signatoryOf(partner.organisationId, sources),
        responsibilities: '',
        contributions: [],
      };
    }),
    mouReference: '',
    background: '',
    purpose: '',
    scope: '',
    sdgTargets: [...(sources.plan?.sdgTargets ?? [])],
    // The guide's habits: decisions by consensus, monthly coordination, quarterly reports.
    governance: { body: '', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: '',
    funding: { mechanism: '', notes: '' },
    reporting: { frequency: 'quarterly', notes: '' },
    confidentiality: '',
    startDate: '',
    durationMonths: '',
    disputeVenue: '',
  };
}

/** The Rupiah a party brings as funds, for the total shown beside its contributions. */
export const fundsOf = (party: Pick<PartyValues, 'contributions'>): number =>
  party.contributions.reduce(
    (sum, contribution) =>
      contribution.kind === 'funds' && typeof contribution.amountIdr === 'number'
        ? sum + contribution.amountIdr
        : sum,
    0,
  );
