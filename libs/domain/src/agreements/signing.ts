/** Signing an MoU version: opening a round, signing and declining, and what time does to a round. */
export { type Ed25519Verify, signingParty, checkRoundTimes, newRound, openSigning } from './signing-rounds';
export * from './signatures';
export * from './signing-clock';
