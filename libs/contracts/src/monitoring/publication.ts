import { z } from 'zod';
import { boundedText as text, reasonSchema } from '../common/text';
import { partnershipCommand as command, partnershipQuery } from '../common/contract';
import { decisionRules, frequencies } from '../agreements/fields';
import { partnerRoles } from '../lifecycle/partnership-lifecycle';
import { sectors } from '../stakeholders/organisation';
import { partnershipIdSchema } from '../common/partnership-id';
import { replyObject, restating } from '../common/reply';
import { accumulations, directions, sdgLinkSchema } from './plan';
import { sdgLinkReplySchema } from './views';

/**
 * The annual self-report of the guide (Lampiran 3: "laporan tahunan sebagai bagian dari upaya
 * self-reporting tentang tata kelola, pendanaan, dan pencapaian kemajuan"), in the sections a
 * partnership may choose to publish.
 */
export const publicSections = ['governance', 'partners', 'funding', 'indicators'] as const;
export type PublicSection = (typeof publicSections)[number];

const unique = <T>(list: T[]) => new Set(list).size === list.length;
const rupiah = z.number().int().min(-1e15).max(1e15);
const finite = z
  .number()
  .refine(Number.isFinite, { message: 'must be a finite number', params: { code: 'number.not_finite' } });
const calendarDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

const yearSchema = z
  .number({ message: 'must be a year' })
  .int('must be a whole year')
  .min(2000, 'must be 2000 or later')
  .max(2100, 'must be 2100 or earlier');
/** A year in a path or query string. */
export const publicationYearSchema = z.coerce.number({ message: 'must be a year' }).pipe(yearSchema);

export const publishBodySchema = z.strictObject({
  year: yearSchema,
  sections: z
    .array(z.enum(publicSections))
    .min(1, 'must choose at least one section')
    .max(publicSections.length)
    .refine(unique, { message: 'must name each section once', params: { code: 'list.duplicate' } }),
});
export type PublishInput = z.infer<typeof publishBodySchema>;

/** `?year=2026&sections=governance,partners`: what a preview would publish. */
export const previewQuerySchema = z.strictObject({
  year: publicationYearSchema,
  sections: z
    .string()
    .transform((list) => list.split(',').filter((section) => section !== ''))
    .pipe(publishBodySchema.shape.sections),
});

export const withdrawBodySchema = z.strictObject({
  reason: reasonSchema,
});

/** Governance as the MoU in force lays it down; null when no MoU is in force. */
export const publicGovernanceSchema = z
  .strictObject({
    mouTitle: text(300),
    versionNumber: z.number().int().min(1),
    /** When the version came into force. */
    effectiveSince: z.string().max(40).nullable(),
    body: text(1000),
    decisionRule: z.enum(decisionRules),
    meetingFrequency: z.enum(frequencies),
  })
  .nullable();
export type PublicGovernance = z.infer<typeof publicGovernanceSchema>;

export const publicPartnerSchema = z.strictObject({
  name: text(300),
  sector: z.enum(sectors).nullable(),
  role: z.enum(partnerRoles),
});
export type PublicPartner = z.infer<typeof publicPartnerSchema>;

/** The year's money, in Rupiah: planned by the lines' year, the rest by the movements' dates. */
export const publicFundingSchema = z.strictObject({
  planned: rupiah,
  committed: rupiah,
  received: rupiah,
  disbursed: rupiah,
  spent: rupiah,
  /** Received from and spent of each partner's money in the year (traced through the allocations). */
  byPartner: z.array(z.strictObject({ name: text(300), received: rupiah, spent: rupiah })).max(200),
});
export type PublicFunding = z.infer<typeof publicFundingSchema>;

export const publicIndicatorSchema = z.strictObject({
  name: text(300),
  sdg: sdgLinkSchema,
  unit: text(50),
  direction: z.enum(directions),
  accumulation: z.enum(accumulations),
  baseline: z.strictObject({ value: finite, date: calendarDate }).nullable(),
  /** The reporting periods ending in the year: approved value (cumulative: total so far) and target. */
  periods: z
    .array(
      z.strictObject({
        periodNumber: z.number().int().min(1),
        start: calendarDate,
        end: calendarDate,
        value: finite.nullable(),
        target: finite.nullable(),
      }),
    )
    .max(400),
  /** Where the indicator stood at the year's last approved period. */
  current: finite.nullable(),
  target: finite.nullable(),
  progress: finite.nullable(),
});
export type PublicIndicator = z.infer<typeof publicIndicatorSchema>;

/**
 * A published annual report: a frozen snapshot holding only the sections chosen, so nothing the
 * partnership did not publish can be read from it, and later changes never show through.
 */
export const publicReportSchema = z
  .strictObject({
    partnershipId: partnershipIdSchema,
    partnershipName: text(300),
    year: yearSchema,
    sections: publishBodySchema.shape.sections,
    governance: publicGovernanceSchema.optional(),
    partners: z.array(publicPartnerSchema).max(200).optional(),
    funding: publicFundingSchema.optional(),
    indicators: z.array(publicIndicatorSchema).max(200).optional(),
  })
  .superRefine((report, context) => {
    for (const section of publicSections) {
      const chosen = report.sections.includes(section);
      if (chosen !== (report[section] !== undefined)) {
        context.addIssue({
          code: 'custom',
          path: [section],
          message: chosen ? 'is chosen but missing' : 'was not chosen',
          params: { code: chosen ? 'monitoring.section_missing' : 'monitoring.section_not_chosen' },
        });
      }
    }
  });
export type PublicReport = z.infer<typeof publicReportSchema>;

// Replies: each schema is what the monitoring service sends back, each type the schema's.

const publicIndicatorPeriod = replyObject({
  periodNumber: z.number(),
  start: z.string(),
  end: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
});

/** The published snapshot as the service sends it back; it restates `PublicReport`, checked by the compiler. */
export const publicReportReplySchema = restating<PublicReport>()(
  replyObject({
    partnershipId: z.string(),
    partnershipName: z.string(),
    year: z.number(),
    sections: z.array(z.enum(publicSections)),
    governance: replyObject({
      mouTitle: z.string(),
      versionNumber: z.number(),
      effectiveSince: z.string().nullable(),
      body: z.string(),
      decisionRule: z.enum(decisionRules),
      meetingFrequency: z.enum(frequencies),
    })
      .nullable()
      .optional(),
    partners: z
      .array(
        replyObject({ name: z.string(), sector: z.enum(sectors).nullable(), role: z.enum(partnerRoles) }),
      )
      .optional(),
    funding: replyObject({
      planned: z.number(),
      committed: z.number(),
      received: z.number(),
      disbursed: z.number(),
      spent: z.number(),
      byPartner: z.array(replyObject({ name: z.string(), received: z.number(), spent: z.number() })),
    }).optional(),
    indicators: z
      .array(
        replyObject({
          name: z.string(),
          sdg: sdgLinkReplySchema,
          unit: z.string(),
          direction: z.enum(directions),
          accumulation: z.enum(accumulations),
          baseline: replyObject({ value: z.number(), date: z.string() }).nullable(),
          periods: z.array(publicIndicatorPeriod),
          current: z.number().nullable(),
          target: z.number().nullable(),
          progress: z.number().nullable(),
        }),
      )
      .optional(),
  }),
);

/** What the public reads: the snapshot and when it was published (never by whom: that was not published). */
export const publishedReportSchema = publicReportReplySchema.extend({ publishedAt: z.string() });
export type PublishedReport = z.infer<typeof publishedReportSchema>;

export const publishedReportSummarySchema = replyObject({
  year: z.number(),
  sections: z.array(z.enum(publicSections)),
  publishedAt: z.string(),
});
export type PublishedReportSummary = z.infer<typeof publishedReportSummarySchema>;

export const publicReportIndexSchema = replyObject({
  partnershipId: z.string(),
  partnershipName: z.string(),
  reports: z.array(publishedReportSummarySchema),
});
export type PublicReportIndex = z.infer<typeof publicReportIndexSchema>;

/** One recorded decision about a year's report. */
export const publicationDecisionSchema = z.discriminatedUnion('kind', [
  replyObject({
    kind: z.literal('published'),
    year: z.number(),
    sections: z.array(z.enum(publicSections)),
    at: z.string(),
    by: z.string(),
  }),
  replyObject({
    kind: z.literal('withdrawn'),
    year: z.number(),
    reason: z.string(),
    at: z.string(),
    by: z.string(),
  }),
]);
export type PublicationDecision = z.infer<typeof publicationDecisionSchema>;

/** A year's report as its partnership sees it: what is public now, and every decision about it. */
export const publicationSchema = replyObject({
  year: z.number(),
  status: z.enum(['published', 'withdrawn']),
  report: publicReportReplySchema,
  publishedAt: z.string(),
  publishedBy: z.string(),
  withdrawnAt: z.string().optional(),
  withdrawnBy: z.string().optional(),
  withdrawalReason: z.string().optional(),
});
export type Publication = z.infer<typeof publicationSchema>;

export const publicationRecordSchema = replyObject({
  partnershipId: z.string(),
  publications: z.array(publicationSchema),
  decisions: z.array(publicationDecisionSchema),
});
export type PublicationRecord = z.infer<typeof publicationRecordSchema>;

/** The request (year, sections) decides idempotency; the report is what the api assembled for it. */
export const publishCommandSchema = command({
  ...publishBodySchema.shape,
  report: publicReportSchema,
}).superRefine((value, context) => {
  const sameSections =
    value.sections.length === value.report.sections.length &&
    value.sections.every((section) => value.report.sections.includes(section));
  if (
    value.report.year !== value.year ||
    value.report.partnershipId !== value.partnershipId ||
    !sameSections
  ) {
    context.addIssue({
      code: 'custom',
      path: ['report'],
      message: 'must be the report of this partnership, year and sections',
      params: { code: 'monitoring.report_not_of_request' },
    });
  }
});

export const withdrawCommandSchema = command({ year: yearSchema, ...withdrawBodySchema.shape });

export const getPublicationsQuerySchema = partnershipQuery({});

export const publicIndexQuerySchema = z.strictObject({ partnershipId: partnershipIdSchema });
export const publicReportQuerySchema = z.strictObject({
  partnershipId: partnershipIdSchema,
  year: yearSchema,
});
