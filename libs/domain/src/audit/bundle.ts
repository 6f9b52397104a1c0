import {
  contributionValue,
  type Actor,
  type Agreement,
  type AgreementVersion,
  type DecisionKind,
  type LedgerEntryView,
  type MonitoringPlan,
  type PartnerRole,
  type Role,
  type SignatureRecord,
  type TimelineEntry,
} from '@mitra/contracts';
import type { AgreementState } from '../agreements/agreement';
import { sha256Hex } from '../agreements/content-hash';
import { consentsFor } from '../agreements/verification';
import { findQuestion, findTask, stages } from '../lifecycle/stages';
import { toCsv } from '../common/csv';
import { manifestFileName, manifestOf, type BundleFile } from './evidence-manifest';

/**
 * An evidence bundle: everything an auditor needs to check a partnership offline, as files in a
 * zip. `manifest.sha256` (sha256sum format) covers every file including `manifest.json`, which
 * says what the bundle is and lists each file with its size.
 */
export const bundleFormat = 'mitra.evidence-bundle/1';

export const bundlePaths = {
  index: 'manifest.json',
  history: 'history.json',
  timeline: 'timeline.pdf',
  ledger: 'ledger.csv',
  indicators: 'indicators.csv',
  agreement: (agreementId: string) => `agreements/${agreementId}/agreement.json`,
  version: (agreementId: string, number: number) => `agreements/${agreementId}/v${number}.json`,
  verification: (agreementId: string, number: number) => `agreements/${agreementId}/v${number}-verification.json`,
  versionPdf: (agreementId: string, number: number) => `agreements/${agreementId}/v${number}.pdf`,
  key: (keyId: string) => `keys/${keyId}.json`,
} as const;

export interface BundleIndex {
  format: typeof bundleFormat;
  partnershipId: string;
  partnershipName: string;
  generatedAt: string;
  generatedBy: Actor;
  files: { name: string; size: number; sha256: string }[];
}

/** `history.json`: every run of the partnership's workflow, each history in Temporal's JSON form. */
export interface BundleHistory {
  partnershipId: string;
  workflowId: string;
  runs: { runId: string; history: unknown }[];
}

/** `v<n>.json`: a version's content and the signatures that stand for it (an amendment's carried ones too). */
export interface BundleVersionFile {
  version: AgreementVersion;
  signatures: { roundNumber: number; signedVersion: number; signature: SignatureRecord }[];
}

/** What of an agreement the bundle keeps in `agreement.json`: enough to verify its versions again. */
export type BundleAgreement = Pick<Agreement, 'id' | 'kind' | 'partnershipId' | 'rounds' | 'effectiveVersion' | 'createdAt' | 'createdBy'> &
  Partial<Pick<Agreement, 'versions'>>;

const encoder = new TextEncoder();

export function jsonFile(name: string, value: unknown): BundleFile {
  return { name, bytes: encoder.encode(`${JSON.stringify(value, null, 2)}\n`) };
}

export function textFile(name: string, text: string): BundleFile {
  return { name, bytes: encoder.encode(text) };
}

export function agreementStateOf(agreement: BundleAgreement, versions: readonly AgreementVersion[]): AgreementState {
  return {
    id: agreement.id,
    kind: agreement.kind,
    partnershipId: agreement.partnershipId,
    versions: [...versions].sort((a, b) => a.number - b.number),
    rounds: agreement.rounds,
    effectiveVersion: agreement.effectiveVersion,
    createdAt: agreement.createdAt,
    createdBy: agreement.createdBy,
  };
}

export function versionFileOf(state: AgreementState, versionNumber: number): BundleVersionFile {
  return { version: state.versions.find((version) => version.number === versionNumber)!, signatures: consentsFor(state, versionNumber) };
}

const safeName = /^(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** The files with `manifest.json` and `manifest.sha256` added. */
export function assembleBundle(meta: Omit<BundleIndex, 'format' | 'files'>, files: readonly BundleFile[]): BundleFile[] {
  const names = new Set<string>();
  for (const file of files) {
    if (!safeName.test(file.name) || file.name.split('/').includes('..')) throw new Error(`${file.name} is not a bundle file name`);
    if (file.name === bundlePaths.index || file.name === manifestFileName || names.has(file.name)) throw new Error(`${file.name} is in the bundle twice`);
    names.add(file.name);
  }
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  const index: BundleIndex = {
    format: bundleFormat,
    ...meta,
    files: sorted.map((file) => ({ name: file.name, size: file.bytes.length, sha256: sha256Hex(file.bytes) })),
  };
  const listed = [...sorted, jsonFile(bundlePaths.index, index)];
  return [...listed, textFile(manifestFileName, manifestOf(listed))];
}

/** Day of the bundle in Asia/Jakarta (UTC+7, no daylight saving): `bukti-<partnership>-<YYYY-MM-DD>.zip`. */
export function bundleFileName(partnershipId: string, generatedAt: string): string {
  const day = new Date(Date.parse(generatedAt) + 7 * 3_600_000).toISOString().slice(0, 10);
  return `bukti-${partnershipId}-${day}.zip`;
}

function ledgerSpecifics(entry: LedgerEntryView): { amount?: number; payer?: string; receiver?: string; refersTo?: number } {
  switch (entry.kind) {
    case 'plan_set':
      return {};
    case 'commitment':
      return { amount: contributionValue(entry.contribution), payer: entry.organisationId };
    case 'receipt':
      return { amount: entry.amount, payer: entry.payerOrganisationId, receiver: entry.receiverOrganisationId, refersTo: entry.commitment };
    case 'disbursement_request':
      return { amount: entry.amount, payer: entry.payerOrganisationId, receiver: entry.receiverOrganisationId };
    case 'approval':
      return { refersTo: entry.request };
    case 'payment':
      return { amount: entry.amount, payer: entry.payerOrganisationId, receiver: entry.receiverOrganisationId, refersTo: entry.request };
    case 'expenditure':
      return { amount: entry.amount, payer: entry.payerOrganisationId, receiver: entry.receiverOrganisationId, refersTo: entry.payment };
    case 'reversal':
      return { amount: entry.amount, payer: entry.payerOrganisationId, receiver: entry.receiverOrganisationId, refersTo: entry.reverses };
    case 'tranche_release':
      return { refersTo: entry.commitment };
  }
}

/**
 * The funding ledger, one row per entry in sequence order: the figures an auditor sums (Rupiah as
 * integers) and, last, the whole entry as JSON so nothing of it is lost.
 */
export function ledgerCsv(entries: readonly LedgerEntryView[]): string {
  const header = ['sequence', 'at', 'kind', 'actor_user_id', 'actor_role', 'actor_organisation_id', 'amount_idr', 'payer_organisation_id', 'receiver_organisation_id', 'refers_to', 'reversed_by', 'entry_json'];
  const rows = [...entries]
    .sort((a, b) => a.sequence - b.sequence)
    .map((entry) => {
      const { amount, payer, receiver, refersTo } = ledgerSpecifics(entry);
      const { reversedBy, ...stored } = entry;
      return [entry.sequence, entry.at, entry.kind, entry.actor.userId, entry.actor.role, entry.actor.organisationId, amount, payer, receiver, refersTo, reversedBy, JSON.stringify(stored)];
    });
  return toCsv(header, rows);
}

/**
 * Every reported indicator value, one row per report value and one more per disaggregated entry
 * (`sex=female;age_group=0-5`), with the indicator's baseline and the period's target; an
 * indicator nobody reported on yet still has its row.
 */
export function indicatorsCsv(plan: MonitoringPlan): string {
  const header = ['indicator_id', 'indicator', 'sdg', 'unit', 'baseline', 'baseline_date', 'period', 'target', 'organisation_id', 'report_id', 'revision', 'status', 'disaggregation', 'value'];
  const reports = [...plan.reports].sort((a, b) => a.periodNumber - b.periodNumber || a.organisationId.localeCompare(b.organisationId) || a.revision - b.revision);
  const rows = plan.indicators.flatMap((indicator) => {
    const head = [indicator.id, indicator.name, indicator.sdg.code, indicator.unit, indicator.baseline?.value, indicator.baseline?.date];
    const reported = reports.flatMap((report) =>
      report.values
        .filter((value) => value.indicatorId === indicator.id)
        .flatMap((value) => {
          const target = indicator.targets.find((candidate) => candidate.periodNumber === report.periodNumber)?.value;
          const row = (disaggregation: string, figure: number) => [...head, report.periodNumber, target, report.organisationId, report.id, report.revision, report.status, disaggregation, figure];
          return [
            row('', value.value),
            ...value.breakdown.map((entry) =>
              row(
                Object.entries(entry.dimensions)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([dimension, group]) => `${dimension}=${group}`)
                  .join(';'),
                entry.value,
              ),
            ),
          ];
        }),
    );
    return reported.length > 0 ? reported : [[...head, null, null, null, null, null, null, null, null]];
  });
  return toCsv(header, rows);
}

const decisionLabels: Record<DecisionKind, string> = {
  approveGate: 'Menyetujui gerbang tahap',
  returnGate: 'Mengembalikan gerbang tahap',
  completeTask: 'Menyelesaikan tugas',
  answerQuestion: 'Menjawab pertanyaan panduan',
  waiveInclusiveness: 'Pengecualian syarat inklusivitas',
  decideMaturation: 'Memutuskan arah kemitraan',
  acceptTransfer: 'Menerima pengalihan',
  addPartner: 'Menambah mitra',
  withdrawPartner: 'Mitra mengundurkan diri',
  pause: 'Menjeda kemitraan',
  resume: 'Melanjutkan kemitraan',
  terminate: 'Menghentikan kemitraan',
};

const roleLabels: Record<Role, string> = { admin: 'Admin', coordinator: 'Koordinator', partner: 'Wakil mitra', auditor: 'Auditor' };
const partnerRoleLabels: Record<PartnerRole, string> = { lead: 'pemimpin', partner: 'mitra', supporter: 'pendukung', beneficiary: 'penerima manfaat', evaluator: 'evaluator' };
const outcomeLabels: Record<string, string> = { renew: 'diperbarui (siklus baru)', transfer: 'dialihkan ke tata kelola baru', close: 'ditutup' };

/** Names the bundle could find for the ids in the history; an id without a name is shown as the id. */
export interface TimelineNames {
  users: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
}

/** One human decision, in Bahasa Indonesia, as the timeline PDF prints it. */
export interface TimelineRow {
  at: string;
  cycle: number;
  stage: string;
  decision: string;
  actor: string;
  organisation: string;
  reason?: string;
  evidence: string[];
  /** Where the decision is in `history.json`. */
  source: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

function subjectOf(entry: TimelineEntry, organisationName: (id: string) => string): string | undefined {
  const details = entry.details;
  const taskId = text(details.taskId);
  if (taskId) return `${taskId} ${findTask(taskId)?.task.title.id ?? ''}`.trim();
  const questionId = text(details.questionId);
  if (questionId) return `${questionId} ${findQuestion(questionId)?.question.text.id ?? ''}`.trim();
  const outcome = text(details.outcome);
  const organisationId = text(details.organisationId) ?? text(details.newLeadOrganisationId);
  const parts = [outcome ? (outcomeLabels[outcome] ?? outcome) : undefined, organisationId ? organisationName(organisationId) : undefined, partnerRoleLabels[details.role as PartnerRole]];
  return parts.some(Boolean) ? parts.filter(Boolean).join(', ') : undefined;
}

function reasonOf(entry: TimelineEntry): string | undefined {
  const closure = entry.details.closureReport as { summary?: unknown } | undefined;
  return entry.reason ?? text(entry.details.comment) ?? text(entry.details.answer) ?? text(closure?.summary);
}

export function timelineRows(timeline: readonly TimelineEntry[], names: TimelineNames): TimelineRow[] {
  const organisationName = (id: string) => (names.organisations.has(id) ? `${names.organisations.get(id)} (${id})` : id);
  return timeline.map((entry) => {
    const subject = subjectOf(entry, organisationName);
    const reason = reasonOf(entry);
    const userName = names.users.get(entry.actor.userId);
    return {
      at: entry.at,
      cycle: entry.cycle,
      stage: stages.find((stage) => stage.id === entry.stage)?.title.id ?? entry.stage,
      decision: subject ? `${decisionLabels[entry.kind]}: ${subject}` : decisionLabels[entry.kind],
      actor: `${userName ? `${userName} (${entry.actor.userId})` : entry.actor.userId}, ${roleLabels[entry.actor.role]}`,
      organisation: entry.actor.organisationId ? organisationName(entry.actor.organisationId) : '—',
      ...(reason ? { reason } : {}),
      evidence: entry.evidence.map((item) => (item.url ? `${item.label} <${item.url}>` : item.label)),
      source: `run ${entry.runId}, peristiwa ${entry.eventId}`,
    };
  });
}
