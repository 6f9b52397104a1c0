import type { Actor, Decision, LifecycleState } from '@mitra/contracts';
import { refusal } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';

type Proposal<T> = T extends unknown ? Omit<T, 'idempotencyKey' | 'actor'> : never;
/** A decision as the screen proposes it, before it has an idempotency key and an actor. */
export type ProposedDecision = Proposal<Decision>;

export const actorOf = (user: SessionUser): Actor => ({
  userId: user.id,
  role: user.role,
  ...(user.organisationId ? { organisationId: user.organisationId } : {}),
});

/**
 * Why the workflow would refuse this user's decision now, by the very rules it applies
 * (`@mitra/domain`), so the screen offers only what will be accepted. The api still decides.
 */
export function refusalFor(
  state: LifecycleState,
  user: SessionUser,
  decision: ProposedDecision,
  now: Date = new Date(),
) {
  // A key the workflow has never seen: an already processed key would be accepted as a retry.
  const idempotencyKey = `web-preview-${state.decisions.length}-${Object.keys(state.processedKeys).length}`;
  return refusal(state, { ...decision, idempotencyKey, actor: actorOf(user) } as Decision, now.toISOString());
}

export const mayDecide = (state: LifecycleState, user: SessionUser, decision: ProposedDecision, now?: Date) =>
  refusalFor(state, user, decision, now) === undefined;
