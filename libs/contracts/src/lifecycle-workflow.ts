/*
 * What the lifecycle workflow imports from the contracts: its messages, names and vocabulary, and its decision
 * checks, without zod or the barrel's schemas. The sandbox evaluates the bundle's modules once per open workflow, so
 * every module here costs memory per partnership; `workflows/src/workflow-bundle.spec.ts` keeps zod out.
 */
export * from './lifecycle/lifecycle-messages';
export { checkDecision } from './lifecycle/decision-checks';
export { PayloadRefused, passes } from './common/payload-checks';
export { chainMemo, chainRecordRefCheck } from './audit/chain-records';
export { agreementEventType, agreementKinds } from './agreements/vocabulary';
export { FundingEventType } from './funding/subjects';
