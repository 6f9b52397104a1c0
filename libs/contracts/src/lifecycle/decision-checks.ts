import { agreementPartyRoles, contributionKinds } from '../agreements/vocabulary';
import { roles } from '../common/roles';
import {
  array,
  discriminated,
  httpUrl,
  integer,
  literal,
  matches,
  maxLength,
  minLength,
  object,
  oneOf,
  optional,
  strictObject,
  string,
  text,
  withDefault,
  type Check,
} from '../common/payload-checks';
import { sectors } from '../stakeholders/sectors';
import { partnerRoles, stageIds } from './lifecycle-messages';
import type { Decision, DecisionKind } from './partnership-lifecycle';

/*
 * The decision schemas of `partnership-lifecycle.ts` (`decisionSchemas`) as zod-free checks, for the workflow's
 * Update validators. `decision-checks.spec.ts` holds each to its schema: same output, same first refusal.
 */

const id = string(minLength(1), maxLength(100));

const idempotencyKey = string(
  minLength(8, 'must be at least 8 characters'),
  maxLength(128, 'must be at most 128 characters'),
  matches(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -'),
);

const actor = object({
  userId: id,
  role: oneOf(roles),
  organisationId: optional(id),
  memberOf: optional(id),
});

const reason = text({
  min: 10,
  minMessage: 'must give a reason of at least 10 characters',
  max: 2000,
  multiline: true,
});
const remark = text({ min: 0, max: 2000, multiline: true });
const documentRef = text({ min: 0, max: 200 });
/** `boundedText`: up to 300 characters stays on one line. */
const boundedText = (max: number) => text({ max, multiline: max > 300 });

const evidence = strictObject({
  label: text({ max: 200 }),
  url: optional(httpUrl()),
  documentRef: optional(documentRef),
});

const agreementParty = strictObject({
  organisationId: string(matches(/^[0-9a-f]{24}$/, 'must be a 24-character hexadecimal id')),
  name: boundedText(200),
  sector: oneOf(sectors),
  address: optional(boundedText(300)),
  role: oneOf(agreementPartyRoles),
  representative: strictObject({
    userId: string(
      minLength(1, 'is required'),
      maxLength(100, 'must be at most 100 characters'),
      matches(/^[A-Za-z0-9_.:@-]+$/, 'may contain only letters, digits and _ . : @ -'),
    ),
    name: boundedText(200),
    title: boundedText(200),
  }),
  responsibilities: array(boundedText(1000), {
    min: [1, 'must list at least one responsibility'],
    max: [30],
  }),
  contributions: withDefault(
    array(
      strictObject({
        kind: oneOf(contributionKinds),
        description: boundedText(1000),
        amountIdr: optional(integer({ min: 0, max: 1e15 })),
      }),
      { max: [30] },
    ),
    () => [],
  ),
});

const base = { idempotencyKey, actor };

type Payload<K extends DecisionKind> = Omit<Extract<Decision, { kind: K }>, 'kind'>;

export const decisionChecks: { [K in DecisionKind]: Check<Payload<K>> } = {
  approveGate: strictObject({ ...base, stage: oneOf(stageIds), comment: optional(remark) }),
  returnGate: strictObject({ ...base, stage: oneOf(stageIds), reason }),
  completeTask: strictObject({
    ...base,
    taskId: id,
    evidence: withDefault(array(evidence, { max: [20] }), () => []),
    note: optional(remark),
  }),
  answerQuestion: strictObject({
    ...base,
    questionId: id,
    answer: text({ min: 3, max: 4000, multiline: true }),
  }),
  waiveInclusiveness: strictObject({ ...base, reason }),
  decideMaturation: discriminated<Payload<'decideMaturation'>>('outcome', {
    renew: strictObject({ ...base, outcome: literal('renew'), reason }),
    transfer: strictObject({ ...base, outcome: literal('transfer'), newLeadOrganisationId: id, reason }),
    close: strictObject({
      ...base,
      outcome: literal('close'),
      closureReport: strictObject({
        summary: text({ min: 20, max: 10_000, multiline: true }),
        documentRef: optional(documentRef),
      }),
    }),
  }),
  acceptTransfer: strictObject({ ...base }),
  addPartner: strictObject({
    ...base,
    organisationId: id,
    role: oneOf(partnerRoles),
    mouParty: optional(agreementParty),
  }),
  withdrawPartner: strictObject({ ...base, organisationId: id, reason }),
  pause: strictObject({ ...base, reason }),
  resume: strictObject({ ...base, reason: optional(remark) }),
  terminate: strictObject({ ...base, reason }),
};

/** The decision an Update carries, checked against its contract; throws `PayloadRefused` naming the first bad field. */
export function checkDecision<K extends DecisionKind>(kind: K, payload: unknown): Decision {
  return { kind, ...decisionChecks[kind].parse(payload, []) } as Decision;
}
