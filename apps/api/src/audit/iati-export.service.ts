import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  type Actor,
  type LedgerEntryView,
  FundingContracts,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import {
  approvedReports,
  iatiActivityXml,
  periodBounds,
  stageDefinition,
  valuesByPeriod,
  type IatiActivityInput,
  type IatiOrganisation,
} from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import { PartnershipsService } from '../partnerships/partnerships.service';
import { readLedger } from './ledger-reader';

/** The publisher prefix of Mitra's IATI identifiers (a registered IATI organisation identifier in production). */
export const iatiIdentifierPrefix = 'ID-MITRA';

type Transaction = IatiActivityInput['transactions'][number];

/** Gathers a partnership from the workflow and the services, as the asking user, into IATI 2.03 XML. */
@Injectable()
export class IatiExportService {
  constructor(
    private readonly partnerships: PartnershipsService,
    private readonly services: ServiceClient,
  ) {}

  async export(actor: Actor, partnershipId: string): Promise<string> {
    const state = await this.partnerships.state(partnershipId);
    const [funding, plan, ledger] = await Promise.all([
      this.services.send(FundingContracts.GetFunding, { actor, partnershipId }),
      this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId }),
      readLedger(this.services, actor, partnershipId),
    ]);
    const ids = new Set(
      [
        state.leadOrganisationId,
        ...state.partners.map((partner) => partner.organisationId),
        ...ledgerOrganisations(ledger),
      ].filter((id): id is string => !!id),
    );
    const organisations = new Map<string, IatiOrganisation>();
    await Promise.all(
      [...ids].map(async (id) => {
        const organisation = await this.organisation(actor, id);
        if (organisation) organisations.set(id, organisation);
      }),
    );
    const lead = state.leadOrganisationId ? organisations.get(state.leadOrganisationId) : undefined;
    if (!lead)
      throw MitraError.refused(
        ErrorCode.Conflict,
        'api.iati_needs_lead',
        undefined,
        'The partnership needs a lead organisation in the registry before it can be published to IATI.',
      );

    const budgets = new Map<number, number>();
    for (const line of funding.plan?.lines ?? [])
      budgets.set(line.year, (budgets.get(line.year) ?? 0) + line.amount);
    const approved = approvedReports(plan.reports);
    return iatiActivityXml({
      identifierPrefix: iatiIdentifierPrefix,
      partnershipId,
      title: state.name,
      description: `Kemitraan multipihak untuk TPB${plan.sdgTargets.length ? ` (target ${plan.sdgTargets.join(', ')})` : ''}, tahap ${stageDefinition(state.stage).title.id}, siklus ${state.cycle}; dipimpin ${lead.name}.`,
      lastUpdated: new Date().toISOString(),
      startDate: state.startedAt,
      status: state.status,
      reportingOrganisation: lead,
      participants: state.partners
        .filter((partner) => !partner.withdrawnAt && organisations.has(partner.organisationId))
        .map((partner) => ({ ...organisations.get(partner.organisationId)!, role: partner.role })),
      sdgTargets: plan.sdgTargets,
      indicators: plan.indicators.map((indicator) => {
        const actuals = valuesByPeriod(indicator, approved);
        const numbers = [
          ...new Set([...indicator.targets.map((target) => target.periodNumber), ...actuals.keys()]),
        ].sort((a, b) => a - b);
        return {
          indicator,
          periods: plan.schedule
            ? numbers.map((number) => ({
                number,
                ...periodBounds(plan.schedule!, number),
                target: indicator.targets.find((target) => target.periodNumber === number)?.value,
                actual: actuals.get(number),
              }))
            : [],
        };
      }),
      budgets: [...budgets].sort(([a], [b]) => a - b).map(([year, amount]) => ({ year, amount })),
      transactions: ledger.flatMap((entry) => transactionOf(entry, organisations)),
    });
  }

  async organisation(actor: Actor, id: string): Promise<IatiOrganisation | undefined> {
    try {
      const organisation = await this.services.send(StakeholdersContracts.GetOrganisation, { actor, id });
      return { id, name: organisation.name, sector: organisation.sector };
    } catch (error) {
      // An id the registry does not hold (or not an id at all) is left out rather than invented.
      if (
        error instanceof MitraError &&
        (error.code === ErrorCode.NotFound || error.code === ErrorCode.ValidationFailed)
      )
        return undefined;
      throw error;
    }
  }
}

function ledgerOrganisations(ledger: LedgerEntryView[]): string[] {
  return ledger.flatMap((entry) => {
    if (entry.kind === 'commitment') return [entry.organisationId];
    if (entry.kind === 'receipt' || entry.kind === 'payment' || entry.kind === 'expenditure')
      return [entry.payerOrganisationId, entry.receiverOrganisationId];
    return [];
  });
}

/** Commitments, receipts, payments and expenditures that still stand; reversed ones are left out. */
function transactionOf(entry: LedgerEntryView, organisations: Map<string, IatiOrganisation>): Transaction[] {
  if (entry.reversedBy !== undefined) return [];
  const party = (id: string) => organisations.get(id);
  const parties = (payer: string, receiver: string) => ({
    ...(party(payer) ? { provider: party(payer)! } : {}),
    ...(party(receiver) ? { receiver: party(receiver)! } : {}),
  });
  switch (entry.kind) {
    case 'commitment':
      return entry.contribution.kind === 'cash'
        ? [
            {
              kind: 'incoming_commitment',
              date: entry.at,
              amount: entry.contribution.amount,
              description: entry.note ?? 'Komitmen dana',
              ...(party(entry.organisationId) ? { provider: party(entry.organisationId)! } : {}),
            },
          ]
        : [];
    case 'receipt':
      return [
        {
          kind: 'incoming_funds',
          date: entry.receivedOn,
          amount: entry.amount,
          description: `Penerimaan ${entry.reference}`,
          ...parties(entry.payerOrganisationId, entry.receiverOrganisationId),
        },
      ];
    case 'payment':
      return [
        {
          kind: 'disbursement',
          date: entry.paidOn,
          amount: entry.amount,
          description: `Pembayaran ${entry.reference}`,
          ...parties(entry.payerOrganisationId, entry.receiverOrganisationId),
        },
      ];
    case 'expenditure':
      return [
        {
          kind: 'expenditure',
          date: entry.spentOn,
          amount: entry.amount,
          description: entry.evidence.description,
          ...parties(entry.payerOrganisationId, entry.receiverOrganisationId),
        },
      ];
    // Requests, approvals and tranche releases move no money; the plan is the budget; a reversal
    // removes its entry (above).
    case 'disbursement_request':
    case 'approval':
    case 'tranche_release':
    case 'plan_set':
    case 'reversal':
      return [];
  }
}
