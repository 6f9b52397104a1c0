import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  chainMemo,
  checkDecision,
  decisionRefusedFailureType,
  decisionUpdates,
  lifecycleSearchAttributes,
  memberKeys,
  lifecycleStateQuery,
  PayloadRefused,
  serviceEventSignal,
} from '@mitra/contracts/lifecycle-workflow';
import type {
  Decision,
  DecisionKind,
  ChainState,
  DecisionRefusal,
  LifecycleActivities,
  LifecycleNotification,
  LifecycleState,
  MouMembershipAmendment,
  PartnershipLifecycleInput,
} from '@mitra/contracts';
import {
  applyDecision,
  applyDeadlines,
  applyServiceEvent,
  carryForward,
  chainRecordOfEvent,
  cycleStarted,
  emptyChain,
  initialState,
  isTerminal,
  linkDecision,
  linkServiceEvent,
  mouAmendmentNotification,
  nextDeadline,
  refusal,
  type CarriedState,
} from '@mitra/domain/lifecycle-workflow';

const { publishNotifications, amendMouMembership } = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

const now = () => new Date().toISOString();
const context = () => ({ now: now(), newId: uuid4 });

function refuse(refused: DecisionRefusal): never {
  throw ApplicationFailure.create({ type: decisionRefusedFailureType, message: refused.reason, details: [refused], nonRetryable: true });
}

/** The payload must match its contract before any rule is asked; a bad one is refused like a rule breach. */
function parseDecision(kind: DecisionKind, payload: unknown): Decision {
  try {
    return checkDecision(kind, payload);
  } catch (error) {
    if (error instanceof PayloadRefused) {
      const { code: fieldCode, params } = error.coded;
      refuse({ code: 'VALIDATION_FAILED', field: error.field, reason: error.message, fieldCode, ...(params ? { params } : {}) });
    }
    throw error;
  }
}

function memberKeysOf(state: LifecycleState): string[] {
  const organisations = [state.leadOrganisationId, ...state.partners.filter((p) => !p.withdrawnAt).map((p) => p.organisationId)];
  const keys = [...organisations.filter((id): id is string => !!id).map(memberKeys.organisation), ...state.coordinators.map(memberKeys.user)];
  return [...new Set(keys)].sort();
}

/** Upserts the inbox's search attributes only when they change: each upsert is a history event. */
function searchAttributesUpdater(): (state: LifecycleState) => void {
  let last = '';
  return (state) => {
    const next = state.pending[0];
    const values = { stage: state.stage, pendingRole: next?.forRole, dueAt: next?.dueAt, members: memberKeysOf(state) };
    const key = JSON.stringify(values);
    if (key === last) return;
    last = key;
    upsertSearchAttributes({
      [lifecycleSearchAttributes.stage]: [values.stage],
      [lifecycleSearchAttributes.pendingRole]: values.pendingRole ? [values.pendingRole] : [],
      [lifecycleSearchAttributes.dueAt]: values.dueAt ? [new Date(values.dueAt)] : [],
      [lifecycleSearchAttributes.members]: values.members,
    });
  };
}

/** Histories written before the chain existed replay without its checkpoints. */
const chainCheckpoints = 'chain-checkpoints';

/** Every link is checkpointed in the history, so a replay can tell whether the history still yields it. */
function checkpoint(chain: ChainState): void {
  if (patched(chainCheckpoints)) upsertMemo({ [chainMemo.head]: chain.head, [chainMemo.length]: chain.length });
}

/**
 * One run per partnership cycle: it walks the Bappenas stages; people move it with Updates,
 * services with signals, and durable timers remind, escalate and open reporting periods. Every
 * decision, ledger entry and signature is linked into the partnership's hash chain.
 */
export async function partnershipLifecycle(input: PartnershipLifecycleInput, carried?: CarriedState, carriedChain?: ChainState): Promise<LifecycleState> {
  const state = initialState(input, carried);
  const chain = carriedChain ?? emptyChain(input.partnershipId);
  const outbox: LifecycleNotification[] = cycleStarted(state, context());
  const amendments: MouMembershipAmendment[] = [];
  let changes = 0;
  let renew = false;
  const updateSearchAttributes = searchAttributesUpdater();

  setHandler(lifecycleStateQuery, () => state);

  for (const kind of Object.keys(decisionUpdates) as DecisionKind[]) {
    setHandler(
      decisionUpdates[kind],
      (payload: unknown) => {
        const outcome = applyDecision(state, parseDecision(kind, payload), context());
        if (linkDecision(chain, { kind, payload, at: outcome.result.at })) checkpoint(chain);
        outbox.push(...outcome.notifications);
        amendments.push(...outcome.mouAmendments);
        renew ||= outcome.renew;
        changes++;
        return outcome.result;
      },
      {
        validator: (payload: unknown) => {
          const refused = refusal(state, parseDecision(kind, payload), now());
          if (refused) refuse(refused);
        },
      },
    );
  }

  setHandler(serviceEventSignal, (event) => {
    // A record's announcement only joins the chain: no lifecycle fact comes from it.
    if (chainRecordOfEvent(event)) {
      if (linkServiceEvent(chain, event)) checkpoint(chain);
    } else if (applyServiceEvent(state, event, now())) changes++;
  });

  while (!isTerminal(state) && !renew) {
    updateSearchAttributes(state);
    for (const amendment of amendments.splice(0)) {
      outbox.push(mouAmendmentNotification(state, amendment, await amendMouMembership(amendment), context()));
    }
    if (outbox.length > 0) await publishNotifications(outbox.splice(0));
    const seen = changes;
    const deadline = nextDeadline(state);
    const somethingHappened = () => changes !== seen || outbox.length > 0 || amendments.length > 0;
    if (!deadline) {
      await condition(somethingHappened);
    } else if (!(await condition(somethingHappened, Math.max(Date.parse(deadline) - Date.now(), 0)))) {
      outbox.push(...applyDeadlines(state, context()));
    }
  }

  updateSearchAttributes(state);
  if (outbox.length > 0) await publishNotifications(outbox.splice(0));
  await condition(allHandlersFinished);
  if (renew) {
    await continueAsNew<typeof partnershipLifecycle>({ ...input, startedAt: now() }, carryForward(state, workflowInfo().runId), chain);
  }
  return state;
}
