import type { LedgerEntryView, MonitoringPlan } from '@mitra/contracts';
import type {
  ExportColumn,
  ExportColumnKind,
  ExportLanguage,
  ExportTable,
  ExportValue,
} from './export-table';

/** Names for the ids a sheet shows: organisations and people. An unknown id stays as it is. */
export interface ExportNames {
  organisation(id: string | undefined): string;
  person(id: string | undefined): string;
}

type Words = Record<ExportLanguage, string>;
const column =
  (kind: ExportColumnKind, words: Words) =>
  (language: ExportLanguage): ExportColumn => ({ header: words[language], kind });

const ledgerKinds: Record<LedgerEntryView['kind'], Words> = {
  plan_set: { id: 'Rencana pendanaan', en: 'Funding plan' },
  commitment: { id: 'Komitmen', en: 'Commitment' },
  receipt: { id: 'Penerimaan', en: 'Receipt' },
  disbursement_request: { id: 'Permintaan pencairan', en: 'Disbursement request' },
  approval: { id: 'Persetujuan', en: 'Approval' },
  payment: { id: 'Pembayaran', en: 'Payment' },
  expenditure: { id: 'Belanja', en: 'Expenditure' },
  reversal: { id: 'Pembalikan', en: 'Reversal' },
  tranche_release: { id: 'Pelepasan tahap', en: 'Tranche release' },
};

const ledgerColumns = [
  column('number', { id: 'No.', en: 'No.' }),
  column('text', { id: 'Jenis', en: 'Kind' }),
  column('datetime', { id: 'Dicatat (WIB)', en: 'Recorded (WIB)' }),
  column('text', { id: 'Dicatat oleh', en: 'Recorded by' }),
  column('date', { id: 'Tanggal transaksi', en: 'Transaction date' }),
  column('rupiah', { id: 'Jumlah (Rp)', en: 'Amount (IDR)' }),
  column('text', { id: 'Dari', en: 'From' }),
  column('text', { id: 'Kepada', en: 'To' }),
  column('text', { id: 'Keterangan', en: 'Details' }),
  column('number', { id: 'Merujuk No.', en: 'Refers to No.' }),
  column('number', { id: 'Dibalik oleh No.', en: 'Reversed by No.' }),
];

/** The ledger, one row per entry in order: what moved, when, how much, from whom to whom. */
export function ledgerSheet(
  entries: readonly LedgerEntryView[],
  names: ExportNames,
  language: ExportLanguage,
): ExportTable {
  const rows = entries.map((entry): ExportValue[] => {
    const base = [
      entry.sequence,
      ledgerKinds[entry.kind][language],
      entry.at,
      names.person(entry.actor.userId),
    ];
    const money = (
      date: string | undefined,
      amount: number | undefined,
      payer?: string,
      receiver?: string,
      details?: string,
      refers?: number,
    ) => [date, amount, names.organisation(payer), names.organisation(receiver), details, refers];
    const specific = ((): ExportValue[] => {
      switch (entry.kind) {
        case 'plan_set':
          return money(undefined, undefined, undefined, undefined, entry.plan.mechanism);
        case 'commitment':
          return money(
            undefined,
            entry.contribution.kind === 'cash' ? entry.contribution.amount : entry.contribution.valueEstimate,
            entry.organisationId,
            undefined,
            entry.contribution.kind === 'cash' ? entry.note : entry.contribution.description,
          );
        case 'receipt':
          return money(
            entry.receivedOn,
            entry.amount,
            entry.payerOrganisationId,
            entry.receiverOrganisationId,
            entry.reference,
            entry.commitment,
          );
        case 'disbursement_request':
          return money(
            undefined,
            entry.amount,
            entry.payerOrganisationId,
            entry.receiverOrganisationId,
            entry.purpose,
          );
        case 'approval':
          return money(undefined, undefined, entry.organisationId, undefined, entry.note, entry.request);
        case 'payment':
          return money(
            entry.paidOn,
            entry.amount,
            entry.payerOrganisationId,
            entry.receiverOrganisationId,
            entry.reference,
            entry.request,
          );
        case 'expenditure':
          return money(
            entry.spentOn,
            entry.amount,
            entry.payerOrganisationId,
            entry.receiverOrganisationId,
            entry.evidence.description,
            entry.payment,
          );
        case 'reversal':
          return money(
            undefined,
            entry.amount,
            entry.payerOrganisationId,
            entry.receiverOrganisationId,
            entry.reason,
            entry.reverses,
          );
        case 'tranche_release':
          return money(undefined, undefined, undefined, undefined, entry.trancheId, entry.commitment);
      }
    })();
    return [...base, ...specific, entry.reversedBy];
  });
  return {
    name: language === 'id' ? 'buku-besar' : 'ledger',
    columns: ledgerColumns.map((c) => c(language)),
    rows,
  };
}

const reportStatusWords: Record<MonitoringPlan['reports'][number]['status'], Words> = {
  submitted: { id: 'Diajukan', en: 'Submitted' },
  approved: { id: 'Disetujui', en: 'Approved' },
  returned: { id: 'Dikembalikan', en: 'Returned' },
};

const reportColumns = [
  column('number', { id: 'Periode', en: 'Period' }),
  column('text', { id: 'Organisasi', en: 'Organisation' }),
  column('number', { id: 'Revisi', en: 'Revision' }),
  column('text', { id: 'Status', en: 'Status' }),
  column('text', { id: 'Indikator', en: 'Indicator' }),
  column('text', { id: 'Rincian', en: 'Breakdown' }),
  column('number', { id: 'Nilai', en: 'Value' }),
  column('datetime', { id: 'Diajukan (WIB)', en: 'Submitted (WIB)' }),
  column('text', { id: 'Diajukan oleh', en: 'Submitted by' }),
  column('datetime', { id: 'Ditinjau (WIB)', en: 'Reviewed (WIB)' }),
  column('text', { id: 'Alasan dikembalikan', en: 'Reason returned' }),
  column('text', { id: 'Narasi', en: 'Narrative' }),
];

/** The progress reports, one row per reported value and per breakdown group, every revision included. */
export function reportsSheet(
  plan: MonitoringPlan,
  names: ExportNames,
  language: ExportLanguage,
): ExportTable {
  const indicatorNames = new Map(plan.indicators.map((indicator) => [indicator.id, indicator.name]));
  const rows = plan.reports.flatMap((report) => {
    const about = [
      report.periodNumber,
      names.organisation(report.organisationId),
      report.revision,
      reportStatusWords[report.status][language],
    ];
    const after = [
      report.submittedAt,
      names.person(report.submittedBy),
      report.reviewedAt,
      report.returnReason,
      report.narrative,
    ];
    return report.values.flatMap((value) => {
      const indicator = indicatorNames.get(value.indicatorId) ?? value.indicatorId;
      const groups = value.breakdown.map((group) => [
        ...about,
        indicator,
        Object.entries(group.dimensions)
          .map(([dimension, label]) => `${disaggregationName(dimension, language)}: ${label}`)
          .join('; '),
        group.value,
        ...after,
      ]);
      return [[...about, indicator, '', value.value, ...after], ...groups];
    });
  });
  return {
    name: language === 'id' ? 'laporan' : 'reports',
    columns: reportColumns.map((c) => c(language)),
    rows,
  };
}

const indicatorColumns = [
  column('text', { id: 'Indikator', en: 'Indicator' }),
  column('text', { id: 'Tautan SDG', en: 'SDG link' }),
  column('text', { id: 'Satuan', en: 'Unit' }),
  column('number', { id: 'Nilai dasar', en: 'Baseline' }),
  column('date', { id: 'Tanggal nilai dasar', en: 'Baseline date' }),
  column('number', { id: 'Periode', en: 'Period' }),
  column('number', { id: 'Target', en: 'Target' }),
  column('text', { id: 'Disagregasi', en: 'Disaggregation' }),
];

const disaggregationWords: Record<string, Words> = {
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  age_group: { id: 'Kelompok umur', en: 'Age group' },
  region: { id: 'Wilayah', en: 'Region' },
  disability: { id: 'Disabilitas', en: 'Disability' },
};
const disaggregationName = (name: string, language: ExportLanguage) =>
  disaggregationWords[name]?.[language] ?? name;

/** The indicators, one row per period target (one row without a target when none is set). */
export function indicatorsSheet(plan: MonitoringPlan, language: ExportLanguage): ExportTable {
  const rows = plan.indicators.flatMap((indicator) => {
    const link = indicator.sdg.kind === 'target' ? 'Target' : language === 'id' ? 'Indikator' : 'Indicator';
    const about = [
      indicator.name,
      `${link} ${indicator.sdg.code}`,
      indicator.unit,
      indicator.baseline?.value,
      indicator.baseline?.date,
    ];
    const disaggregation = indicator.disaggregations
      .map((name) => disaggregationName(name, language))
      .join(', ');
    if (indicator.targets.length === 0) return [[...about, undefined, undefined, disaggregation]];
    return indicator.targets.map((target) => [...about, target.periodNumber, target.value, disaggregation]);
  });
  return {
    name: language === 'id' ? 'indikator' : 'indicators',
    columns: indicatorColumns.map((c) => c(language)),
    rows,
  };
}
