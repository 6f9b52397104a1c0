import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ErrorCode,
  MitraError,
  partnershipIdSchema,
  type Actor,
  type LedgerEntryView,
  FundingContracts,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, type PartnershipLocator } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';
import { UsersService } from '../users/users.service';
import { indicatorsSheet, ledgerSheet, reportsSheet, type ExportNames } from './export-sheets';
import {
  exportContentTypes,
  exportFormats,
  exportLanguages,
  tableCsv,
  tableXlsx,
  type ExportTable,
} from './export-table';

const exportSheets = ['ledger', 'reports', 'indicators'] as const;
const exportParamsSchema = z.strictObject({
  format: z.enum(exportFormats, 'must be csv or xlsx').default('xlsx'),
  /** The headers' language; the signed-in user's, else Bahasa Indonesia. */
  language: z.enum(exportLanguages, 'must be id or en').optional(),
});
const partnership: PartnershipLocator = { in: 'param', name: 'partnershipId', schema: partnershipIdSchema };
const ledgerPageLimit = 500;

/** Spreadsheets of a partnership's ledger, reports and indicators, for planning agencies' and auditors' routines. */
@ApiTags('exports')
@Controller('partnerships/:partnershipId/exports')
export class ExportsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  @Get(':sheet')
  @ApiOperation({
    summary: "The ledger, the reports or the indicators as CSV or XLSX, headers in the reader's language",
    description:
      'CSV in Indonesian uses `;` and a decimal comma, in English `,` and a point; texts that a spreadsheet would run as a formula start with an apostrophe. ' +
      'XLSX cells are typed: texts are never formulas, Rupiah are numbers, times are Asia/Jakarta.',
  })
  @ApiProduces(exportContentTypes.csv, exportContentTypes.xlsx)
  @ApiQuery({
    name: 'query',
    required: false,
    schema: jsonSchemaOf(exportParamsSchema),
    style: 'form',
    explode: true,
  })
  @Access({ roles: everyone, partnership })
  async export(
    @Param('partnershipId', new ZodValidationPipe(partnershipIdSchema, 'partnershipId'))
    partnershipId: string,
    @Param(
      'sheet',
      new ZodValidationPipe(z.enum(exportSheets, 'must be ledger, reports or indicators'), 'sheet'),
    )
    sheet: (typeof exportSheets)[number],
    @Query(new ZodValidationPipe(exportParamsSchema)) params: z.output<typeof exportParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const language = params.language ?? (await this.users.active(actor.userId))?.locale ?? 'id';
    const table = await this.table(sheet, actor, partnershipId, language);
    const content = params.format === 'csv' ? tableCsv(table, language) : await tableXlsx(table);
    const today = new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
    return new StreamableFile(content, {
      type: exportContentTypes[params.format],
      disposition: `attachment; filename="mitra-${table.name}-${partnershipId}-${today}.${params.format}"`,
    });
  }

  private async table(
    sheet: (typeof exportSheets)[number],
    actor: Actor,
    partnershipId: string,
    language: 'id' | 'en',
  ): Promise<ExportTable> {
    if (sheet === 'ledger') {
      const entries = await this.ledger(actor, partnershipId);
      const names = await this.names(
        actor,
        entries.flatMap(organisationsOf),
        entries.map((entry) => entry.actor.userId),
      );
      return ledgerSheet(entries, names, language);
    }
    const plan = await this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId });
    if (sheet === 'indicators') return indicatorsSheet(plan, language);
    const names = await this.names(
      actor,
      plan.reports.map((report) => report.organisationId),
      plan.reports.map((report) => report.submittedBy),
    );
    return reportsSheet(plan, names, language);
  }

  /** Every entry, page after page: an export is the whole ledger. */
  private async ledger(actor: Actor, partnershipId: string): Promise<LedgerEntryView[]> {
    const entries: LedgerEntryView[] = [];
    let after = 0;
    for (;;) {
      const page = await this.services.send(FundingContracts.ListLedger, {
        actor,
        partnershipId,
        after,
        limit: ledgerPageLimit,
      });
      entries.push(...page.entries);
      if (page.nextAfter === null) return entries;
      after = page.nextAfter;
    }
  }

  private async names(actor: Actor, organisationIds: string[], userIds: string[]): Promise<ExportNames> {
    const organisations = new Map(
      await Promise.all(
        [...new Set(organisationIds)].map(async (id): Promise<[string, string]> => {
          try {
            return [
              id,
              (await this.services.send(StakeholdersContracts.GetOrganisation, { actor, id })).name,
            ];
          } catch (error) {
            if (error instanceof MitraError && error.code === ErrorCode.NotFound) return [id, id];
            throw error;
          }
        }),
      ),
    );
    const people = await this.users.namesOf([...new Set(userIds)]);
    return {
      organisation: (id) => (id === undefined ? '' : (organisations.get(id) ?? id)),
      person: (id) => (id === undefined ? '' : (people.get(id) ?? id)),
    };
  }
}

function organisationsOf(entry: LedgerEntryView): string[] {
  const ids = [
    'payerOrganisationId' in entry ? entry.payerOrganisationId : undefined,
    'receiverOrganisationId' in entry ? entry.receiverOrganisationId : undefined,
    'organisationId' in entry ? entry.organisationId : undefined,
  ];
  return ids.filter((id): id is string => typeof id === 'string');
}
