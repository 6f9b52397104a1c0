import { Injectable } from '@nestjs/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { zipSync } from 'fflate';
import {
  ErrorCode,
  MitraError,
  partnershipWorkflowId,
  type Actor,
  type GetKeyQuery,
  type ListAgreementsQuery,
  type RenderPdfQuery,
  type TimelineEntry,
  type VersionQuery,
  AgreementsContracts,
  MonitoringContracts,
} from '@mitra/contracts';
import {
  agreementStateOf,
  assembleBundle,
  auditHistory,
  bundleFileName,
  bundlePaths,
  indicatorsCsv,
  jsonFile,
  ledgerCsv,
  textFile,
  timelineRows,
  versionFileOf,
  type BundleFile,
  type BundleHistory,
  type TimelineNames,
} from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import { partnershipSteps } from '@mitra/platform/temporal';
import { UsersService } from '../users/users.service';
import { AuditService } from './audit.service';
import { renderTimelinePdf } from './bundle-timeline-pdf';
import { IatiExportService } from './iati-export.service';
import { readLedger } from './ledger-reader';

/** The agreements service lists at most this many agreements per request, newest first. */
const agreementsPerList = 100;

export interface EvidenceBundle {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Gathers a partnership's evidence as the asking user, from Temporal and the services, into one zip
 * that `tools/audit/verify-bundle.ts` checks offline. A partnership's evidence fits in memory.
 */
@Injectable()
export class EvidenceBundleService {
  constructor(
    private readonly audit: AuditService,
    private readonly iati: IatiExportService,
    private readonly users: UsersService,
    private readonly services: ServiceClient,
  ) {}

  async bundle(actor: Actor, partnershipId: string): Promise<EvidenceBundle> {
    const generatedAt = new Date().toISOString();
    const history = await this.audit.history(partnershipId);
    const { state, timeline, divergences } = auditHistory(partnershipSteps(history));
    const partnershipName = state?.name ?? partnershipId;
    const [plan, ledger, agreements, names] = await Promise.all([
      this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId }),
      readLedger(this.services, actor, partnershipId),
      this.agreementFiles(actor, partnershipId),
      this.names(actor, timeline),
    ]);
    const raw: BundleHistory = {
      partnershipId,
      workflowId: partnershipWorkflowId(partnershipId),
      runs: history.runs.map((run) => ({
        runId: run.runId,
        history: JSON.parse(historyToJSON(run.history)) as unknown,
      })),
    };
    const timelinePdf = await renderTimelinePdf({
      partnershipId,
      partnershipName,
      generatedAt,
      rows: timelineRows(timeline, names),
      divergences,
    });
    const files = assembleBundle({ partnershipId, partnershipName, generatedAt, generatedBy: actor }, [
      jsonFile(bundlePaths.history, raw),
      { name: bundlePaths.timeline, bytes: timelinePdf },
      textFile(bundlePaths.ledger, ledgerCsv(ledger)),
      textFile(bundlePaths.indicators, indicatorsCsv(plan)),
      ...agreements,
    ]);
    const bytes = zipSync(
      Object.fromEntries(files.map((file) => [file.name, [file.bytes, { mtime: generatedAt }]])),
    );
    return { fileName: bundleFileName(partnershipId, generatedAt), bytes };
  }

  /** Every version of every agreement of the partnership, its signatures, the server's verification report, its PDF and the signers' public keys. */
  private async agreementFiles(actor: Actor, partnershipId: string): Promise<BundleFile[]> {
    const list: ListAgreementsQuery = { actor, partnershipId, limit: agreementsPerList };
    const summaries = await this.services.send(AgreementsContracts.ListAgreements, list);
    if (summaries.length >= agreementsPerList) {
      throw MitraError.refused(
        ErrorCode.Conflict,
        'api.evidence_bundle_too_big',
        { limit: agreementsPerList },
        `The partnership has ${agreementsPerList} or more agreements; an evidence bundle holds fewer.`,
      );
    }
    const perAgreement = await Promise.all(
      summaries.map(async ({ id: agreementId }) => {
        const agreement = await this.services.send(AgreementsContracts.GetAgreement, {
          actor,
          id: agreementId,
        });
        const query = (versionNumber: number): VersionQuery => ({ actor, agreementId, versionNumber });
        const versions = await Promise.all(
          agreement.versions.map(({ number }) =>
            this.services.send(AgreementsContracts.GetVersion, query(number)),
          ),
        );
        const state = agreementStateOf(agreement, versions);
        const perVersion = await Promise.all(
          versions.map(async ({ number }) => {
            const pdfQuery: RenderPdfQuery = { ...query(number), language: 'id' };
            const [report, pdf] = await Promise.all([
              this.services.send(AgreementsContracts.VerifyVersion, query(number)),
              this.services.send(AgreementsContracts.RenderVersionPdf, pdfQuery),
            ]);
            return [
              jsonFile(bundlePaths.version(agreementId, number), versionFileOf(state, number)),
              jsonFile(bundlePaths.verification(agreementId, number), report),
              {
                name: bundlePaths.versionPdf(agreementId, number),
                bytes: new Uint8Array(Buffer.from(pdf.contentBase64, 'base64')),
              },
            ];
          }),
        );
        const keyIds = agreement.rounds.flatMap((round) =>
          round.signatures.map((signature) => signature.keyId),
        );
        return {
          files: [jsonFile(bundlePaths.agreement(agreementId), agreement), ...perVersion.flat()],
          keyIds,
        };
      }),
    );
    const keyIds = [...new Set(perAgreement.flatMap(({ keyIds }) => keyIds))];
    const keys = await Promise.all(
      keyIds.map((keyId) =>
        this.services.send(AgreementsContracts.GetKey, { actor, keyId } satisfies GetKeyQuery),
      ),
    );
    return [
      ...perAgreement.flatMap(({ files }) => files),
      ...keys.map((key) => jsonFile(bundlePaths.key(key.keyId), key)),
    ];
  }

  /** The names of the people and organisations the timeline names, so the PDF reads without a lookup. */
  private async names(actor: Actor, timeline: readonly TimelineEntry[]): Promise<TimelineNames> {
    const organisationIds = new Set(
      timeline.flatMap((entry) =>
        [
          entry.actor.organisationId,
          entry.details.organisationId,
          entry.details.newLeadOrganisationId,
        ].filter((id): id is string => typeof id === 'string'),
      ),
    );
    const [accounts, organisations] = await Promise.all([
      this.users.list(),
      Promise.all([...organisationIds].map((id) => this.iati.organisation(actor, id))),
    ]);
    return {
      users: new Map(accounts.map((account) => [account.id, account.name])),
      organisations: new Map(
        organisations
          .filter((organisation) => organisation !== undefined)
          .map((organisation) => [organisation.id, organisation.name]),
      ),
    };
  }
}
