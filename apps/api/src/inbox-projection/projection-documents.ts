import {
  memberKeys,
  type Actor,
  type InboxItem,
  type LifecycleState,
  type Organisation,
  type PartnershipListItem,
  type PlanProgress,
} from '@mitra/contracts';
import { inboxItemsOf, type PartnershipSnapshot } from '@mitra/domain';

/** Who an inbox entry is for: an audience key is what a reader's actor maps to (`audiencesOf`). */
export const audiences = {
  /** The coordinators of a member organisation: they coordinate where it leads, and act as its partner elsewhere. */
  coordinatorsOf: (organisationId: string) => `coordinators-of:${organisationId}`,
  /** A coordinator named on the partnership, whatever its organisation. */
  coordinator: (userId: string) => `coordinator:${userId}`,
  /** A partner organisation's own members: only what awaits that organisation. */
  partner: (organisationId: string) => `partner:${organisationId}`,
  admin: 'admin',
} as const;

/** Who may see a partnership in the list: its member keys, and `everyone` for admins and auditors. */
export const everyPartnershipViewer = 'everyone';

/** Sorts after every ISO date: undated items come last. */
const undated = '\uffff';

export interface InboxEntryDocument {
  _id: string;
  audience: string;
  partnershipId: string;
  /** Due date, partnership name and the item's identity: a total order for keyset pages. */
  sortKey: string;
  item: InboxItem;
}

export interface ListingDocument {
  _id: string;
  viewer: string;
  partnershipId: string;
  /** Name and id: a total order for keyset pages. */
  sortKey: string;
  name: string;
  stage: PartnershipListItem['stage'];
  status: string;
  sdgGoals: number[];
  health: PartnershipListItem['health'];
  province?: string;
  regency?: string;
  dueAt?: string;
  changedAt: string;
}

/** What the projection reads about one partnership when an event says it changed. */
export interface PartnershipSources extends PartnershipSnapshot {
  progress?: PlanProgress;
  lead?: Organisation;
  /** The organisation of each coordinator named on the partnership (`state.coordinators`), when it has one. */
  coordinatorOrganisations?: Record<string, string | undefined>;
}

function memberOrganisations(state: LifecycleState): string[] {
  return [
    ...new Set([
      ...(state.leadOrganisationId ? [state.leadOrganisationId] : []),
      ...state.partners.filter((p) => !p.withdrawnAt).map((p) => p.organisationId),
    ]),
  ];
}

const itemIdentity = (item: InboxItem) =>
  [item.partnershipId, item.kind, item.subject ?? '', item.organisationId ?? ''].join('|');

export const inboxSortKey = (item: InboxItem) =>
  [item.dueAt ?? undated, item.partnershipName, itemIdentity(item)].join('|');

/**
 * Every inbox entry of a partnership, one per audience: what `inboxItemsOf` gives an actor standing for the
 * audience. A coordinator reads its organisation's audience and its own; its own holds only what being named
 * coordinator adds, so nothing is there twice. Overdue is decided when read, not here.
 */
export function inboxEntriesOf(sources: PartnershipSources, now: string): InboxEntryDocument[] {
  const { state } = sources;
  const members = memberOrganisations(state);
  const entries = (audience: string, items: InboxItem[]): InboxEntryDocument[] =>
    items.map((item) => ({
      _id: `${audience}|${itemIdentity(item)}`,
      audience,
      partnershipId: state.partnershipId,
      sortKey: inboxSortKey(item),
      item,
    }));
  const organisationCoordinators = (organisationId: string) =>
    inboxItemsOf(
      { userId: audiences.coordinatorsOf(organisationId), role: 'coordinator', organisationId },
      sources,
      now,
    );
  const named = state.coordinators.flatMap((userId) => {
    const organisationId = sources.coordinatorOrganisations?.[userId];
    const already = new Set(
      organisationId && members.includes(organisationId)
        ? organisationCoordinators(organisationId).map(itemIdentity)
        : [],
    );
    const own = inboxItemsOf(
      { userId, role: 'coordinator', ...(organisationId ? { organisationId } : {}) },
      sources,
      now,
    );
    return entries(
      audiences.coordinator(userId),
      own.filter((item) => !already.has(itemIdentity(item))),
    );
  });
  return [
    ...members.flatMap((organisationId) =>
      entries(audiences.coordinatorsOf(organisationId), organisationCoordinators(organisationId)),
    ),
    ...named,
    ...members.flatMap((organisationId) =>
      entries(
        audiences.partner(organisationId),
        inboxItemsOf(
          { userId: audiences.partner(organisationId), role: 'partner', organisationId },
          sources,
          now,
        ),
      ),
    ),
    ...entries(audiences.admin, inboxItemsOf({ userId: audiences.admin, role: 'admin' }, sources, now)),
  ];
}

/**
 * A viewer's copy of a listing under one SDG goal: an array field is no index key on FerretDB, so the goal
 * filter reads these copies in name order instead of testing every listing's goals.
 */
export const sdgViewer = (viewer: string, goal: number) => `${viewer}|sdg=${goal}`;
export const isSdgCopy = (listing: Pick<ListingDocument, 'viewer'>) => listing.viewer.includes('|sdg=');

/** The partnership as the list shows it, once per viewer key, and once more per viewer and SDG goal. */
export function listingsOf(sources: PartnershipSources, changedAt: string): ListingDocument[] {
  const { state, plan, progress, lead } = sources;
  const sdgGoals = [...new Set((plan?.sdgTargets ?? []).map((target) => Number(target.split('.')[0])))].sort(
    (a, b) => a - b,
  );
  // The workflow knows inactivity first (it asks the coordinator to decide); monitoring explains the rest.
  const health = state.status === 'inactive' ? 'inactive' : (progress?.health.status ?? null);
  const dueAt = state.pending.map((pending) => pending.dueAt).sort()[0];
  const viewers = [
    everyPartnershipViewer,
    ...memberOrganisations(state).map(memberKeys.organisation),
    ...state.coordinators.map(memberKeys.user),
  ];
  const keys = viewers.flatMap((viewer) => [viewer, ...sdgGoals.map((goal) => sdgViewer(viewer, goal))]);
  return keys.map((viewer) => ({
    _id: `${viewer}|${state.partnershipId}`,
    viewer,
    partnershipId: state.partnershipId,
    sortKey: `${state.name}|${state.partnershipId}`,
    name: state.name,
    stage: state.stage,
    status: state.status,
    sdgGoals,
    health,
    ...(lead
      ? { province: lead.region.province, ...(lead.region.regency ? { regency: lead.region.regency } : {}) }
      : {}),
    ...(dueAt ? { dueAt } : {}),
    changedAt,
  }));
}

/** The audiences whose entries an actor reads. */
export function audiencesOf(actor: Actor): string[] {
  switch (actor.role) {
    case 'admin':
      return [audiences.admin];
    case 'coordinator':
      return [
        ...(actor.organisationId ? [audiences.coordinatorsOf(actor.organisationId)] : []),
        audiences.coordinator(actor.userId),
      ];
    case 'partner':
      return actor.organisationId ? [audiences.partner(actor.organisationId)] : [];
    case 'auditor':
      return [];
  }
}

/** The viewer keys of the partnerships an actor may list. */
export function viewersOf(actor: Actor): string[] {
  if (actor.role === 'admin' || actor.role === 'auditor') return [everyPartnershipViewer];
  return [
    ...(actor.organisationId ? [memberKeys.organisation(actor.organisationId)] : []),
    memberKeys.user(actor.userId),
  ];
}
