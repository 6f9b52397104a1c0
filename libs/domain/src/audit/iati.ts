import type { LifecycleStatus, PartnerRole, PartnershipIndicator, Sector } from '@mitra/contracts';

/** What a partnership publishes as one IATI activity; gathered by the api from the services. */
export interface IatiActivityInput {
  /** The publisher's IATI organisation identifier prefix, e.g. `ID-MITRA`. */
  identifierPrefix: string;
  partnershipId: string;
  title: string;
  /** Required by the schema: what the partnership does. */
  description: string;
  lastUpdated: string;
  startDate: string;
  endDate?: string;
  status: LifecycleStatus;
  reportingOrganisation: IatiOrganisation;
  participants: (IatiOrganisation & { role: PartnerRole })[];
  sdgTargets: string[];
  indicators: { indicator: PartnershipIndicator; periods: { number: number; start: string; end: string; target?: number; actual?: number }[] }[];
  /** Planned budget per calendar year, in Rupiah. */
  budgets: { year: number; amount: number }[];
  transactions: { kind: 'incoming_commitment' | 'incoming_funds' | 'disbursement' | 'expenditure'; date: string; amount: number; description: string; provider?: IatiOrganisation; receiver?: IatiOrganisation }[];
}

export interface IatiOrganisation {
  id: string;
  name: string;
  sector: Sector;
}

/** IATI OrganisationType codes for the registry's sectors. */
const organisationTypes: Record<Sector, string> = {
  government_national: '10',
  government_province: '10',
  government_regency: '10',
  cso: '22',
  media: '90',
  academia: '80',
  business: '72',
  philanthropy: '60',
  community: '22',
  international_donor: '40',
};

/** IATI OrganisationRole: the lead is accountable, supporters fund, the others implement. */
const organisationRoles: Record<PartnerRole, string> = { lead: '2', partner: '4', supporter: '1', beneficiary: '4', evaluator: '4' };

/** IATI ActivityStatus: 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended. */
const activityStatuses: Record<LifecycleStatus, string> = { active: '2', inactive: '2', paused: '6', closed: '4', transferred: '3', terminated: '5' };

const transactionTypes: Record<IatiActivityInput['transactions'][number]['kind'], string> = { incoming_commitment: '11', incoming_funds: '1', disbursement: '3', expenditure: '4' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const date = (iso: string) => iso.slice(0, 10);
const narrative = (text: string) => `<narrative>${escape(text)}</narrative>`;
/** An organisation reference: Mitra's registry id under the publisher's prefix. */
const orgRef = (input: IatiActivityInput, organisation: IatiOrganisation) => `${input.identifierPrefix}-ORG-${organisation.id}`;

/** Percentages with two decimals that add up to exactly 100. */
function shares(count: number): string[] {
  const base = Math.floor(10_000 / count);
  return Array.from({ length: count }, (_, i) => ((i === 0 ? 10_000 - base * (count - 1) : base) / 100).toFixed(2));
}

function sectors(vocabulary: string, codes: string[]): string[] {
  const unique = [...new Set(codes)];
  const percentages = shares(unique.length);
  return unique.map((code, i) => `<sector vocabulary="${vocabulary}" code="${escape(code)}" percentage="${percentages[i]}"/>`);
}

function organisationElement(tag: string, input: IatiActivityInput, organisation: IatiOrganisation, extra = ''): string {
  return `<${tag} ref="${escape(orgRef(input, organisation))}" type="${organisationTypes[organisation.sector]}"${extra}>${narrative(organisation.name)}</${tag}>`;
}

function result(input: IatiActivityInput, entry: IatiActivityInput['indicators'][number]): string {
  const { indicator } = entry;
  const measure = indicator.unit === '%' ? '2' : '1';
  const ascending = indicator.direction === 'higher_is_better' ? '1' : '0';
  const reference = indicator.sdg.kind === 'indicator' ? `<reference vocabulary="99" code="${escape(indicator.sdg.code)}"/>` : '';
  const baseline = indicator.baseline ? `<baseline year="${indicator.baseline.date.slice(0, 4)}" iso-date="${indicator.baseline.date}" value="${indicator.baseline.value}"/>` : '';
  const periods = entry.periods
    .filter((period) => period.target !== undefined || period.actual !== undefined)
    .map(
      (period) =>
        `<period><period-start iso-date="${date(period.start)}"/><period-end iso-date="${date(period.end)}"/>` +
        `${period.target === undefined ? '' : `<target value="${period.target}"/>`}${period.actual === undefined ? '' : `<actual value="${period.actual}"/>`}</period>`,
    )
    .join('');
  return (
    `<result type="2" aggregation-status="${indicator.accumulation === 'cumulative' ? '1' : '0'}"><title>${narrative(indicator.name)}</title>` +
    `<indicator measure="${measure}" ascending="${ascending}"><title>${narrative(`${indicator.name} (${indicator.unit})`)}</title>${reference}${baseline}${periods}</indicator></result>`
  );
}

/**
 * One partnership as an IATI 2.03 activity: participating organisations with their roles, SDG
 * goals, targets and indicators as sector vocabularies 7, 8 and 9, the budget per year, the money
 * movements as transactions and the results with baseline, targets and actual values. Amounts in
 * Rupiah (IDR).
 */
export function iatiActivityXml(input: IatiActivityInput): string {
  const goals = input.sdgTargets.map((target) => target.split('.')[0]!);
  const sdgIndicators = input.indicators.filter((entry) => entry.indicator.sdg.kind === 'indicator').map((entry) => entry.indicator.sdg.code);
  const lines = [
    `<iati-identifier>${escape(`${input.identifierPrefix}-${input.partnershipId}`)}</iati-identifier>`,
    organisationElement('reporting-org', input, input.reportingOrganisation),
    `<title>${narrative(input.title)}</title>`,
    `<description type="1">${narrative(input.description)}</description>`,
    ...input.participants.map((participant) => organisationElement('participating-org', input, participant, ` role="${organisationRoles[participant.role]}"`)),
    `<activity-status code="${activityStatuses[input.status]}"/>`,
    `<activity-date iso-date="${date(input.startDate)}" type="2"/>`,
    ...(input.endDate ? [`<activity-date iso-date="${date(input.endDate)}" type="4"/>`] : []),
    `<recipient-country code="ID" percentage="100"/>`,
    ...sectors('7', goals),
    ...sectors('8', input.sdgTargets),
    ...sectors('9', sdgIndicators),
    ...input.budgets.map(
      (budget) =>
        `<budget type="1" status="2"><period-start iso-date="${budget.year}-01-01"/><period-end iso-date="${budget.year}-12-31"/>` +
        `<value currency="IDR" value-date="${budget.year}-01-01">${budget.amount}</value></budget>`,
    ),
    ...input.transactions.map(
      (transaction) =>
        `<transaction><transaction-type code="${transactionTypes[transaction.kind]}"/><transaction-date iso-date="${date(transaction.date)}"/>` +
        `<value currency="IDR" value-date="${date(transaction.date)}">${transaction.amount}</value><description>${narrative(transaction.description)}</description>` +
        `${transaction.provider ? organisationElement('provider-org', input, transaction.provider) : ''}${transaction.receiver ? organisationElement('receiver-org', input, transaction.receiver) : ''}</transaction>`,
    ),
    ...input.indicators.map((entry) => result(input, entry)),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${input.lastUpdated}">\n` +
    `<iati-activity last-updated-datetime="${input.lastUpdated}" xml:lang="id" default-currency="IDR">\n${lines.join('\n')}\n</iati-activity>\n</iati-activities>\n`
  );
}
