import {
  agreementKinds,
  clauseKeys,
  languages,
  type AgreementFields,
  type AgreementKind,
  type AgreementParty,
  type AgreementTemplate,
  type Language,
  type RenderedText,
} from '@mitra/contracts';
import {
  contributionLabels,
  decisionRuleLabels,
  defaultMediator,
  formatCalendarDate,
  formatRupiah,
  frequencyLabels,
  fundingLabels,
  joinList,
  partyLabel,
  roleLabels,
  sectorLabels,
  termEndDate,
} from './labels';
import { templateText, type TemplateLine } from './template-text';

/** Bump when the wording changes: stored versions keep the text they were rendered with. */
export const templateIds: Record<AgreementKind, string> = { mou: 'mou/1', pks: 'pks/1' };

type Scalars = Record<string, string | undefined>;
type Lists = Record<string, string[]>;

const tokenPattern = /\{([a-zA-Z.]+)\}/g;
const listLine = /^\{list:([a-zA-Z.]+)\}$/;
const letters = 'abcdefghijklmnopqrstuvwxyz';

function itemLabel(index: number): string {
  return index < letters.length ? `${letters[index]}.` : `${index + 1}.`;
}

/** Fills one line; undefined when a token has no value (the line is then left out). */
function fill(line: string, scalars: Scalars): string | undefined {
  let missing = false;
  const text = line.replace(tokenPattern, (_, name: string) => {
    const value = scalars[name];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : text;
}

function expand(lines: TemplateLine[], kind: AgreementKind, scalars: Scalars, lists: Lists, parties: PartyTokens[]): string[] {
  return lines.flatMap((line): string[] => {
    if (typeof line === 'string') {
      const list = listLine.exec(line);
      if (list) return (lists[list[1]] ?? []).map((item, index) => `${itemLabel(index)} ${item}`);
      const filled = fill(line, scalars);
      return filled === undefined ? [] : [filled];
    }
    if ('only' in line) return line.only === kind ? expand([line.text], kind, scalars, lists, parties) : [];
    return parties.flatMap((party) =>
      expand(line.lines, kind, { ...scalars, ...party.scalars }, { ...lists, ...party.lists }, parties),
    );
  });
}

interface PartyTokens {
  scalars: Scalars;
  lists: Lists;
}

function partyTokens(party: AgreementParty, index: number, language: Language): PartyTokens {
  const contributions = party.contributions.map((contribution) => {
    const amount = contribution.amountIdr === undefined ? '' : ` (${formatRupiah(contribution.amountIdr, language)})`;
    return `${contributionLabels[contribution.kind][language]}: ${contribution.description}${amount}`;
  });
  return {
    scalars: {
      'party.number': String(index + 1),
      'party.label': partyLabel(index, language),
      'party.name': party.name,
      'party.sector': sectorLabels[party.sector][language],
      'party.address': party.address ? (language === 'id' ? `, beralamat di ${party.address}` : `, of ${party.address}`) : '',
      'party.role': roleLabels[party.role][language],
      'party.representative.name': party.representative.name,
      'party.representative.title': party.representative.title,
      'party.contributionsHeading':
        contributions.length === 0 ? undefined : language === 'id' ? `Kontribusi ${partyLabel(index, language)}:` : `Contributions of the ${partyLabel(index, language)}:`,
    },
    lists: { 'party.responsibilities': party.responsibilities, 'party.contributions': contributions },
  };
}

function documentTokens(kind: AgreementKind, fields: AgreementFields, language: Language): Scalars {
  return {
    doc: templateText.doc[kind][language],
    title: fields.title,
    place: fields.place,
    mouReference: fields.mouReference,
    background: fields.background,
    purpose: fields.purpose,
    sdgTargets: fields.sdgTargets.length > 0 ? joinList(fields.sdgTargets, language) : undefined,
    partyLabels: joinList(fields.parties.map((_, index) => partyLabel(index, language)), language),
    governanceBody: fields.governance.body,
    decisionRule: decisionRuleLabels[fields.governance.decisionRule][language],
    meetingFrequency: frequencyLabels[fields.governance.meetingFrequency][language],
    communication: fields.communication,
    fundingMechanism: fundingLabels[fields.funding.mechanism][language],
    fundingNotes: fields.funding.notes,
    reportingFrequency: frequencyLabels[fields.reporting.frequency][language],
    reportingNotes: fields.reporting.notes,
    confidentiality: fields.confidentiality,
    durationMonths: String(fields.durationMonths),
    startDate: formatCalendarDate(fields.startDate, language),
    endDate: formatCalendarDate(termEndDate(fields.startDate, fields.durationMonths), language),
    mediator: fields.disputeVenue ?? defaultMediator[language],
  };
}

/** The text of an agreement in one language, clause by clause, filled from the draft's fields. */
export function renderAgreementText(kind: AgreementKind, fields: AgreementFields, language: Language): RenderedText {
  const scalars = documentTokens(kind, fields, language);
  const lists: Lists = { scope: fields.scope };
  const parties = fields.parties.map((party, index) => partyTokens(party, index, language));
  return {
    title: fill(templateText.title[kind][language], scalars) ?? fields.title,
    opening: expand(templateText.opening[language], kind, scalars, lists, parties),
    clauses: templateText.clauses.map((clause, index) => ({
      key: clause.key,
      number: index + 1,
      heading: clause.heading[language],
      lines: expand(clause.lines[language], kind, scalars, lists, parties),
    })),
  };
}

/** Both renderings: Bahasa Indonesia (prevailing) and English. */
export function renderAgreement(kind: AgreementKind, fields: AgreementFields): Record<Language, RenderedText> {
  return { id: renderAgreementText(kind, fields, 'id'), en: renderAgreementText(kind, fields, 'en') };
}

export function listTemplates(): AgreementTemplate[] {
  return agreementKinds.map((kind) => ({
    kind,
    templateId: templateIds[kind],
    title: Object.fromEntries(languages.map((language) => [language, templateText.title[kind][language].replace(/\s*\{title\}/, '').replace(/ (tentang|on)$/, '')])) as Record<Language, string>,
    clauses: templateText.clauses.map((clause) => ({ key: clause.key, heading: clause.heading })),
  }));
}

// Every clause the issue asks for is in the template, in order.
if (templateText.clauses.map((clause) => clause.key).join() !== clauseKeys.join()) {
  throw new Error('the agreement templates and clauseKeys disagree');
}
