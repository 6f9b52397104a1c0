import { z } from 'zod';
import { boundedDateSchema } from '../common/date';
import { boundedText as text } from '../common/text';
import { objectIdSchema } from '../common/actor';
import { replyObject, restating } from '../common/reply';
import { sectors } from '../stakeholders/sectors';
import { agreementPartyRoles, contributionKinds } from './vocabulary';

export {
  agreementKinds,
  agreementPartyRoles,
  contributionKinds,
  type AgreementKind,
  type AgreementPartyRole,
  type ContributionKind,
} from './vocabulary';

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];

/** The three funding mechanisms of the Bappenas guide. */
export const fundingMechanisms = ['separate', 'co_funding', 'common_fund'] as const;
export type FundingMechanism = (typeof fundingMechanisms)[number];

export const frequencies = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type Frequency = (typeof frequencies)[number];

export const decisionRules = ['consensus', 'majority'] as const;
export type DecisionRule = (typeof decisionRules)[number];

export const userIdSchema = z
  .string()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:@-]+$/, 'may contain only letters, digits and _ . : @ -');

/** A calendar date, `YYYY-MM-DD`. */
export const calendarDateSchema = boundedDateSchema;

export const agreementPartySchema = z.strictObject({
  organisationId: objectIdSchema,
  name: text(200),
  sector: z.enum(sectors),
  address: text(300).optional(),
  role: z.enum(agreementPartyRoles),
  /** The person who signs for the organisation with an enrolled key. */
  representative: z.strictObject({ userId: userIdSchema, name: text(200), title: text(200) }),
  responsibilities: z.array(text(1000)).min(1, 'must list at least one responsibility').max(30),
  contributions: z
    .array(
      z.strictObject({
        kind: z.enum(contributionKinds),
        description: text(1000),
        amountIdr: z.number().int().min(0).max(1e15).optional(),
      }),
    )
    .max(30)
    .default([]),
});
export type AgreementParty = z.infer<typeof agreementPartySchema>;

/** The draft's fields; the template turns them into the clauses of a version. */
export const agreementFieldsSchema = z
  .strictObject({
    title: text(300),
    /** Where the agreement is made (tempat penandatanganan). */
    place: text(100),
    parties: z.array(agreementPartySchema).min(2, 'must name at least two parties').max(50),
    /** For a cooperation agreement: the MoU it implements. */
    mouReference: text(300).optional(),
    background: text(5000),
    purpose: text(5000),
    scope: z.array(text(1000)).min(1, 'must list at least one item').max(30),
    sdgTargets: z
      .array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, 'must be an SDG target such as 1.2 or 6.b'))
      .max(50)
      .default([]),
    governance: z.strictObject({
      body: text(1000),
      decisionRule: z.enum(decisionRules),
      meetingFrequency: z.enum(frequencies),
    }),
    communication: text(2000),
    funding: z.strictObject({ mechanism: z.enum(fundingMechanisms), notes: text(2000).optional() }),
    reporting: z.strictObject({ frequency: z.enum(frequencies), notes: text(2000).optional() }),
    confidentiality: text(2000).optional(),
    startDate: calendarDateSchema,
    durationMonths: z.number().int().min(1).max(120),
    disputeVenue: text(200).optional(),
  })
  .superRefine((fields, context) => {
    const seen = new Set<string>();
    fields.parties.forEach((party, index) => {
      if (seen.has(party.organisationId)) {
        context.addIssue({
          code: 'custom',
          path: ['parties', index, 'organisationId'],
          message: 'names the same organisation twice',
          params: { code: 'list.duplicate' },
        });
      }
      seen.add(party.organisationId);
    });
  });
export type AgreementFields = z.infer<typeof agreementFieldsSchema>;

/** A party as a version stores it and a service sends it back. */
export const agreementPartyReplySchema = restating<AgreementParty>()(
  replyObject({
    organisationId: z.string(),
    name: z.string(),
    sector: z.enum(sectors),
    address: z.string().optional(),
    role: z.enum(agreementPartyRoles),
    representative: replyObject({ userId: z.string(), name: z.string(), title: z.string() }),
    responsibilities: z.array(z.string()),
    contributions: z.array(
      replyObject({
        kind: z.enum(contributionKinds),
        description: z.string(),
        amountIdr: z.number().optional(),
      }),
    ),
  }),
);

/** The fields as a version stores them and a service sends them back. */
export const agreementFieldsReplySchema = restating<AgreementFields>()(
  replyObject({
    title: z.string(),
    place: z.string(),
    parties: z.array(agreementPartyReplySchema),
    mouReference: z.string().optional(),
    background: z.string(),
    purpose: z.string(),
    scope: z.array(z.string()),
    sdgTargets: z.array(z.string()),
    governance: replyObject({
      body: z.string(),
      decisionRule: z.enum(decisionRules),
      meetingFrequency: z.enum(frequencies),
    }),
    communication: z.string(),
    funding: replyObject({ mechanism: z.enum(fundingMechanisms), notes: z.string().optional() }),
    reporting: replyObject({ frequency: z.enum(frequencies), notes: z.string().optional() }),
    confidentiality: z.string().optional(),
    startDate: z.string(),
    durationMonths: z.number(),
    disputeVenue: z.string().optional(),
  }),
);
