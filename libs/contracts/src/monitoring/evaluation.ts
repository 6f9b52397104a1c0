import { z } from 'zod';
import { boundedDateSchema } from '../common/date';
import { boundedText as text } from '../common/text';
import { partnershipCommand as command } from '../common/contract';
import type { Sector } from '../stakeholders/organisation';
import { monitoringIdSchema } from './plan';

/** The six principles of the Bappenas guide, each scored by every panel member. */
export const principles = [
  'localised',
  'inclusive',
  'integrated',
  'gender_responsive',
  'beyond_business_as_usual',
  'accountable',
] as const;
export type Principle = (typeof principles)[number];

const score = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5');
const unique = <T>(list: T[]) => new Set(list).size === list.length;

/** Whom the coordinator seats: the group the member stands for is its organisation's sector in the registry. */
export const panelMemberInputSchema = z.strictObject({
  userId: z.string().min(1).max(100),
  organisationId: z.string().min(1).max(100),
});
export type PanelMemberInput = z.infer<typeof panelMemberInputSchema>;

/** A seat on the panel, with the stakeholder group read from the partnership's stakeholder map. */
export type PanelMember = PanelMemberInput & { group: Sector };

/** What an evaluation is opened with, once the panel is checked against the stakeholder map. */
export interface EvaluationOpening {
  title: string;
  /** The distinct sectors of the partnership's stakeholder map: the panel should cover each. */
  stakeholderGroups: Sector[];
  panel: PanelMember[];
}

export const openEvaluationBodySchema = z.strictObject({
  title: text(300),
  panel: z
    .array(panelMemberInputSchema)
    .min(1, 'must have at least one member')
    .max(50)
    .refine((panel) => unique(panel.map((m) => m.userId)), {
      message: 'must name each member once',
      params: { code: 'list.duplicate' },
    }),
});
export type OpenEvaluationInput = z.output<typeof openEvaluationBodySchema>;

export const assessmentBodySchema = z.strictObject({
  principles: z.strictObject(
    Object.fromEntries(principles.map((p) => [p, score])) as Record<Principle, typeof score>,
  ),
  results: score,
  comment: text(5000),
});
export type AssessmentInput = z.output<typeof assessmentBodySchema>;

export const completeEvaluationBodySchema = z.strictObject({
  findings: text(20_000),
  lessons: z.strictObject({ worked: z.array(text(2000)).max(50), failed: z.array(text(2000)).max(50) }),
  improvementActions: z
    .array(
      z.strictObject({
        action: text(2000),
        ownerOrganisationId: z.string().min(1).max(100),
        dueDate: boundedDateSchema.optional(),
      }),
    )
    .max(100),
});
export type CompleteEvaluationInput = z.output<typeof completeEvaluationBodySchema>;

export const openEvaluationCommandSchema = command({ evaluation: openEvaluationBodySchema });
export const submitAssessmentCommandSchema = command({
  evaluationId: monitoringIdSchema,
  assessment: assessmentBodySchema,
});
export const completeEvaluationCommandSchema = command({
  evaluationId: monitoringIdSchema,
  completion: completeEvaluationBodySchema,
});
