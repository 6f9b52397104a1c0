import {
  FundingEventType,
  MitraError,
  type FieldError,
  type FundingPlan,
  type FundingPlanSettings,
} from '@mitra/contracts';
import { assertCoordinating } from './funding-access';
import { lineUsage, liveReceipts, liveRequests, type FundingState } from './funding-state';
import {
  type FundingContext,
  type FundingDecision,
  base,
  conflict,
  defaultGovernance,
  requestedBy,
  requireRegistered,
  rupiah,
  shareCap,
} from './funding-decision';

// ---------------------------------------------------------------- the plan

/**
 * Sets the whole plan as its next version. Once money has come in, the mechanism, the fund holder
 * and the shares stay; a line keeps at least what live requests hold on it.
 */
export function setPlan(
  state: FundingState,
  input: FundingPlanSettings,
  ctx: FundingContext,
): FundingDecision {
  assertCoordinating(ctx.actor, 'set the funding plan');
  const named = [
    ...(input.fundHolderOrganisationId
      ? [{ field: 'plan.fundHolderOrganisationId', id: input.fundHolderOrganisationId }]
      : []),
    ...(input.shares ?? []).map((share, i) => ({
      field: `plan.shares.${i}.organisationId`,
      id: share.organisationId,
    })),
    ...input.lines.map((line, i) => ({
      field: `plan.lines.${i}.responsibleOrganisationId`,
      id: line.responsibleOrganisationId,
    })),
  ];
  requireRegistered(ctx, named);
  const organisationSectors = Object.fromEntries(named.map(({ id }) => [id, ctx.sectors.get(id)!]));
  const plan: FundingPlan = {
    ...input,
    governance: input.governance ?? defaultGovernance(input.mechanism),
    version: (state.plan?.plan.version ?? 0) + 1,
    organisationSectors,
  };
  const ceilingErrors = ceilingBreaches(plan);
  if (ceilingErrors.length > 0) throw MitraError.validation(ceilingErrors);
  assertKeepsMoneyMoved(state, plan);

  const planned = plan.lines.reduce((sum, line) => sum + line.amount, 0);
  return {
    entry: { ...base(state, ctx), kind: 'plan_set', plan },
    events: [
      {
        type: FundingEventType.PlanSet,
        data: { version: plan.version, mechanism: plan.mechanism, lines: plan.lines.length, planned },
      },
    ],
  };
}

/** The lines of one organisation of a capped sector, per year, stay within the ceiling. */
function ceilingBreaches(plan: FundingPlan): FieldError[] {
  const errors: FieldError[] = [];
  for (const ceiling of plan.ceilings) {
    const totals = new Map<string, number>();
    plan.lines.forEach((line, i) => {
      if (plan.organisationSectors[line.responsibleOrganisationId] !== ceiling.sector) return;
      const key = `${line.responsibleOrganisationId}:${line.year}`;
      const total = (totals.get(key) ?? 0) + line.amount;
      totals.set(key, total);
      if (total > ceiling.maxPerOrganisationPerYear) {
        errors.push({
          field: `plan.lines.${i}.amount`,
          reason: `brings ${line.responsibleOrganisationId}'s lines in ${line.year} to ${rupiah(total)}, above the ceiling of ${rupiah(ceiling.maxPerOrganisationPerYear)} a year per ${ceiling.sector} organisation`,
          code: 'funding.line_above_ceiling',
          params: { year: line.year, total, ceiling: ceiling.maxPerOrganisationPerYear },
        });
      }
    });
  }
  return errors;
}

function assertKeepsMoneyMoved(state: FundingState, plan: FundingPlan): void {
  const previous = state.plan?.plan;
  if (!previous) return;
  if (liveReceipts(state).length > 0) {
    const fixed = (p: FundingPlan) =>
      JSON.stringify([p.mechanism, p.fundHolderOrganisationId ?? null, p.shares ?? null]);
    if (fixed(previous) !== fixed(plan)) {
      throw conflict(
        'funding.plan_fixed_once_received',
        undefined,
        'Money has been received: the mechanism, the fund holder and the shares can no longer change.',
        [
          {
            field: 'plan.mechanism',
            reason: 'fixed once money is received',
            code: 'funding.plan_fixed_once_received',
          },
        ],
      );
    }
  }
  const requests = liveRequests(state);
  const errors: FieldError[] = [];
  for (const lineId of new Set(requests.map((r) => r.entry.lineId))) {
    const index = plan.lines.findIndex((line) => line.id === lineId);
    const used = lineUsage(state, lineId);
    if (index < 0) {
      errors.push({
        field: 'plan.lines',
        reason: `must keep line ${lineId}: disbursements of ${rupiah(used)} were requested on it`,
        code: 'funding.plan_drops_requested_line',
        params: { lineId, used },
      });
      continue;
    }
    const line = plan.lines[index];
    if (line.amount < used)
      errors.push({
        field: `plan.lines.${index}.amount`,
        reason: `must be at least ${rupiah(used)}, already requested on the line`,
        code: 'funding.plan_line_below_requested',
        params: { used },
      });
    for (const payer of new Set(
      requests.filter((r) => r.entry.lineId === lineId).map((r) => r.entry.payerOrganisationId),
    )) {
      const cap = plan.mechanism === 'co_funding' ? shareCap(plan, line, payer) : undefined;
      if (cap !== undefined && requestedBy(requests, lineId, payer) > cap) {
        errors.push({
          field: `plan.lines.${index}.amount`,
          reason: `would put ${payer}'s share below what it already pays on the line`,
          code: 'funding.plan_share_below_paid',
          params: { organisationId: payer },
        });
      }
    }
  }
  if (errors.length > 0)
    throw conflict(
      'funding.plan_takes_back_held_budget',
      undefined,
      'The plan would take back budget that disbursements already hold.',
      errors,
    );
}
