import {
  basisPoints,
  ErrorCode,
  FundingEventType,
  MitraError,
  type Actor,
  type BudgetLine,
  type FieldError,
  type FundingPlan,
  type FundingPlanSettings,
  type Governance,
  type LedgerEntry,
  type RefusalCode,
  type RefusalParams,
  type Sector,
} from '@mitra/contracts';
import { formatRupiah } from '../agreements/templates/labels';
import { type FundingState, type RequestState } from './funding-state';

/** What every funding rule shares: the decision it returns, its context, its refusals and the plan it needs. */
/** An event the rules raise; the service gives it its id, time and actor. */
export interface FundingEventDraft {
  type: FundingEventType;
  data: Record<string, unknown>;
}

/** The next ledger entry and the events it raises. */
export interface FundingDecision {
  entry: LedgerEntry;
  events: FundingEventDraft[];
}

export interface FundingContext {
  actor: Actor;
  now: string;
  /** The sectors of the organisations the command names, as the stakeholders registry has them; an unregistered one is absent. */
  sectors: ReadonlyMap<string, Sector>;
}

export type FundingRefusal = Extract<RefusalCode, `funding.${string}`>;

/**
 * A refusal of the funding rules: its code and the values its sentence needs; the fields it names carry the
 * same code, unless one says more of its own.
 */
export const conflict = (
  code: FundingRefusal,
  params: RefusalParams | undefined,
  message: string,
  errors: FieldError[] = [],
) =>
  MitraError.refused(
    ErrorCode.Conflict,
    code,
    params,
    message,
    errors.length > 0
      ? errors.map((error) => ({ code, ...(params ? { params } : {}), ...error }))
      : undefined,
  );
export const refuseInput = (field: string, code: FundingRefusal, reason: string, params?: RefusalParams) =>
  MitraError.validation([{ field, reason, code, ...(params ? { params } : {}) }]);
export const rupiah = (amount: number) => formatRupiah(amount, 'id');

export const base = (state: FundingState, ctx: FundingContext) => ({
  sequence: state.sequence + 1,
  at: ctx.now,
  actor: ctx.actor,
});

export const defaultGovernance = (mechanism: FundingPlanSettings['mechanism']): Governance =>
  mechanism === 'common_fund'
    ? { approvalsRequired: 2, distinctOrganisations: 2 }
    : { approvalsRequired: 1, distinctOrganisations: 0 };

export function requirePlan(state: FundingState): FundingPlan {
  if (!state.plan) throw conflict('funding.plan_missing', undefined, 'Set the funding plan first.');
  return state.plan.plan;
}

export function requireRegistered(ctx: FundingContext, named: Array<{ field: string; id: string }>): void {
  const errors = named
    .filter(({ id }) => !ctx.sectors.has(id))
    .map(({ field }): FieldError => ({
      field,
      reason: 'is not an organisation in the stakeholders registry',
      code: 'funding.organisation_not_registered',
    }));
  if (errors.length > 0) throw MitraError.validation(errors);
}

/** A co-funding partner pays at most its agreed share of each line. */
export function shareCap(plan: FundingPlan, line: BudgetLine, organisationId: string): number | undefined {
  const share = plan.shares?.find((s) => s.organisationId === organisationId);
  return share ? Number((BigInt(line.amount) * BigInt(basisPoints(share.percent))) / 10_000n) : undefined;
}

export const requestedBy = (requests: RequestState[], lineId: string, payer: string) =>
  requests
    .filter((r) => r.entry.lineId === lineId && r.entry.payerOrganisationId === payer)
    .reduce((sum, r) => sum + r.entry.amount, 0);
