import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  type Actor,
  type LedgerEntryView,
  type PublicReport,
  type PublicSection,
  AgreementsContracts,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import { publicReportOf, sourcesOfSection, type MouInForce, type OrganisationLabel, type PublicReportSources } from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import { readLedger } from '../audit/ledger-reader';
import { PartnershipsService } from '../partnerships/partnerships.service';

/**
 * Assembles a year's annual report from the workflow and the services, as the publishing user, asking
 * only for what the chosen sections are made of: an unchosen section is never even read.
 */
@Injectable()
export class ReportSourcesService {
  constructor(
    private readonly partnerships: PartnershipsService,
    private readonly services: ServiceClient,
  ) {}

  async report(actor: Actor, partnershipId: string, year: number, sections: readonly PublicSection[]): Promise<PublicReport> {
    return publicReportOf(await this.sources(actor, partnershipId, year, sections), sections);
  }

  private async sources(actor: Actor, partnershipId: string, year: number, sections: readonly PublicSection[]): Promise<PublicReportSources> {
    const needs = new Set<keyof PublicReportSources>(sections.flatMap((section) => sourcesOfSection[section]));
    const state = await this.partnerships.state(partnershipId);
    const [mou, ledger, plan] = await Promise.all([
      needs.has('mou') ? this.mouInForce(actor, partnershipId) : undefined,
      needs.has('ledger') ? readLedger(this.services, actor, partnershipId) : undefined,
      needs.has('plan') ? this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId }) : undefined,
    ]);
    const named = new Set([...(needs.has('partners') ? state.partners.map((partner) => partner.organisationId) : []), ...(ledger ? moneyOrganisations(ledger) : [])]);
    return {
      partnershipId,
      partnershipName: state.name,
      year,
      ...(mou !== undefined ? { mou } : {}),
      ...(needs.has('partners') ? { partners: state.partners } : {}),
      ...(needs.has('organisations') ? { organisations: await this.organisations(actor, [...named]) } : {}),
      ...(ledger ? { ledger } : {}),
      ...(plan ? { plan } : {}),
    };
  }

  /** The partnership's newest MoU with a version in force, and when that version came into force. */
  private async mouInForce(actor: Actor, partnershipId: string): Promise<MouInForce | null> {
    const agreements = await this.services.send(AgreementsContracts.ListAgreements, { actor, partnershipId, limit: 100 });
    const mou = agreements.find((agreement) => agreement.kind === 'mou' && agreement.effectiveVersion !== null);
    if (!mou?.effectiveVersion) return null;
    const [agreement, version] = await Promise.all([
      this.services.send(AgreementsContracts.GetAgreement, { actor, id: mou.id }),
      this.services.send(AgreementsContracts.GetVersion, { actor, agreementId: mou.id, versionNumber: mou.effectiveVersion }),
    ]);
    const round = agreement.rounds.filter((r) => r.versionNumber === mou.effectiveVersion && r.status === 'completed').at(-1);
    return { title: version.content.fields.title, versionNumber: version.number, effectiveSince: round?.closedAt ?? null, governance: version.content.fields.governance };
  }

  private async organisations(actor: Actor, ids: string[]): Promise<Map<string, OrganisationLabel>> {
    const labels = new Map<string, OrganisationLabel>();
    await Promise.all(
      ids.map(async (id) => {
        try {
          const organisation = await this.services.send(StakeholdersContracts.GetOrganisation, { actor, id });
          labels.set(id, { name: organisation.name, sector: organisation.sector });
        } catch (error) {
          // An id the registry does not hold is shown as it is rather than given a name.
          if (!(error instanceof MitraError && (error.code === ErrorCode.NotFound || error.code === ErrorCode.ValidationFailed))) throw error;
        }
      }),
    );
    return labels;
  }
}

/** The partners whose money the ledger moves: the report names them next to their figures. */
function moneyOrganisations(ledger: readonly LedgerEntryView[]): string[] {
  return ledger.flatMap((entry) => (entry.kind === 'commitment' ? [entry.organisationId] : entry.kind === 'receipt' ? [entry.payerOrganisationId] : []));
}
