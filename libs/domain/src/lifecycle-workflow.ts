/*
 * What the lifecycle workflow imports from the domain: the lifecycle's rules and the hash chain it keeps, without the
 * other domains (the sandbox evaluates every module of the bundle once per open workflow).
 */
export * from './lifecycle/lifecycle-rules';
export { chainRecordOfEvent, emptyChain, linkDecision, linkServiceEvent } from './audit/hash-chain';
