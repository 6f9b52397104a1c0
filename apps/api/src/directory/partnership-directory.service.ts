import { Injectable } from '@nestjs/common';
import {
  lifecycleSearchAttributes,
  memberKeys,
  partnershipLifecycleWorkflowName,
  type Actor,
  type Agreement,
  type LedgerEntry,
  type LedgerPage,
  type LifecycleState,
  type MonitoringPlan,
  type Organisation,
  type PartnershipListItem,
  type PartnershipListQuery,
  type PlanProgress,
  AgreementsContracts,
  FundingContracts,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import { foldLedger, roleIn, type FundingState, type PartnershipSnapshot } from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import { PartnershipsService } from '../partnerships/partnerships.service';
import { TemporalClient } from '../temporal/temporal-client';

/** Partnerships read per request; the list is for people, so a page of this size is plenty. */
const maxPartnerships = 200;
const parallelReads = 8;
const safeId = /^[A-Za-z0-9_.:-]{1,100}$/;
const workflowIdPrefix = 'partnership-';
const ledgerPage = 500;

async function inBatches<T, R>(items: T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += parallelReads) {
    results.push(...(await Promise.all(items.slice(start, start + parallelReads).map(read))));
  }
  return results;
}

/** A service's part of a snapshot, or `undefined` (and its name noted) when it does not answer. */
async function optional<T>(source: string, unavailable: Set<string>, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    unavailable.add(source);
    return undefined;
  }
}

/**
 * Finds the partnerships a user belongs to with one visibility query over the workflow's
 * `MitraMembers` search attribute, then reads what the inbox and the list show from the workflow
 * and the services, as that user.
 */
@Injectable()
export class PartnershipDirectory {
  constructor(
    private readonly temporal: TemporalClient,
    private readonly partnerships: PartnershipsService,
    private readonly services: ServiceClient,
  ) {}

  async visibleIds(actor: Actor, stage?: string): Promise<string[]> {
    const clauses = [`WorkflowType = '${partnershipLifecycleWorkflowName}'`, `ExecutionStatus = 'Running'`];
    if (stage) clauses.push(`${lifecycleSearchAttributes.stage} = '${stage}'`);
    if (actor.role !== 'admin' && actor.role !== 'auditor') {
      const keys = [memberKeys.user(actor.userId), ...(actor.organisationId ? [memberKeys.organisation(actor.organisationId)] : [])].filter((key) => safeId.test(key));
      clauses.push(`${lifecycleSearchAttributes.members} IN (${keys.map((key) => `'${key}'`).join(', ')})`);
    }
    const ids: string[] = [];
    for await (const execution of this.temporal.client.workflow.list({ query: clauses.join(' AND ') })) {
      ids.push(execution.workflowId.slice(workflowIdPrefix.length));
      if (ids.length >= maxPartnerships) break;
    }
    return ids;
  }

  /**
   * Each partnership's state, monitoring plan and open agreements, read as `actor`; for those who coordinate
   * it, its funding ledger too (disbursements wait for their approval).
   */
  async snapshots(actor: Actor, ids: string[], unavailable: Set<string>): Promise<PartnershipSnapshot[]> {
    return inBatches(ids, async (partnershipId) => {
      const [state, plan, agreements] = await Promise.all([
        this.partnerships.state(partnershipId),
        optional('monitoring', unavailable, () => this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId })),
        optional('agreements', unavailable, () => this.openAgreements(actor, partnershipId)),
      ]);
      const role = roleIn(actor, state);
      const approves = role === 'coordinator' || role === 'admin';
      const funding = approves ? await optional('funding', unavailable, () => this.fundingState(actor, partnershipId)) : undefined;
      return { state, plan, agreements, funding };
    });
  }

  async listItems(actor: Actor, query: PartnershipListQuery, unavailable: Set<string>): Promise<PartnershipListItem[]> {
    const ids = await this.visibleIds(actor, query.stage);
    const items = await inBatches(ids, async (partnershipId) => {
      const state = await this.partnerships.state(partnershipId);
      const { leadOrganisationId } = state;
      const [plan, progress, lead] = await Promise.all([
        optional('monitoring', unavailable, () => this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId })),
        optional('monitoring', unavailable, () => this.services.send(MonitoringContracts.GetProgress, { actor, partnershipId })),
        leadOrganisationId ? optional('stakeholders', unavailable, () => this.services.send(StakeholdersContracts.GetOrganisation, { actor, id: leadOrganisationId })) : undefined,
      ]);
      return listItem(state, plan, progress, lead);
    });
    return items.filter(
      (item) =>
        (query.sdg === undefined || item.sdgGoals.includes(query.sdg)) &&
        (query.region === undefined || item.region?.province === query.region || item.region?.regency === query.region) &&
        (query.health === undefined || item.health === query.health),
    );
  }

  /** The whole ledger, page by page, folded as the funding service folds it. */
  private async fundingState(actor: Actor, partnershipId: string): Promise<FundingState> {
    const entries: LedgerEntry[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: LedgerPage = await this.services.send(FundingContracts.ListLedger, { actor, partnershipId, after, limit: ledgerPage });
      entries.push(...page.entries);
      after = page.nextAfter;
    }
    return foldLedger(partnershipId, entries);
  }

  private async openAgreements(actor: Actor, partnershipId: string): Promise<Agreement[]> {
    const summaries = await this.services.send(AgreementsContracts.ListAgreements, { actor, partnershipId, limit: 100 });
    return Promise.all(summaries.filter((summary) => summary.status === 'open').map((summary) => this.services.send(AgreementsContracts.GetAgreement, { actor, id: summary.id })));
  }
}

function listItem(state: LifecycleState, plan?: MonitoringPlan, progress?: PlanProgress, lead?: Organisation): PartnershipListItem {
  const sdgGoals = [...new Set((plan?.sdgTargets ?? []).map((target) => Number(target.split('.')[0])))].sort((a, b) => a - b);
  // The workflow knows inactivity first (it asks the coordinator to decide); monitoring explains the rest.
  const health = state.status === 'inactive' ? 'inactive' : (progress?.health.status ?? null);
  return {
    partnershipId: state.partnershipId,
    name: state.name,
    stage: state.stage,
    status: state.status,
    sdgGoals,
    health,
    ...(lead ? { region: { province: lead.region.province, ...(lead.region.regency ? { regency: lead.region.regency } : {}) } } : {}),
    ...(state.pending[0] ? { dueAt: state.pending.map((p) => p.dueAt).sort()[0] } : {}),
  };
}
