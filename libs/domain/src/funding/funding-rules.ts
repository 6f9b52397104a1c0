/** The funding rules, one module per family of decisions; their shared helpers stay inside the family. */
export {
  defaultGovernance,
  type FundingContext,
  type FundingDecision,
  type FundingEventDraft,
} from './funding-decision';
export * from './funding-plan-rules';
export * from './funding-money-in';
export * from './funding-money-out';
export * from './funding-corrections';
export * from './funding-tranches';
