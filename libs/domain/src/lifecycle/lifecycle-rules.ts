/** The lifecycle rules: the cycle's state, what refuses a decision, what a decision does, and the clock. */
export {
  addDays,
  type CarriedState,
  type DecisionContext,
  initialState,
  carryForward,
  isTerminal,
} from './lifecycle-cycle';
export * from './decision-refusals';
export { type Outcome, mouAmendmentNotification, applyDecision, cycleStarted } from './decision-outcomes';
export * from './lifecycle-clock';
