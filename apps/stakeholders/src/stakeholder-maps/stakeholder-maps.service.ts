import { Injectable } from '@nestjs/common';
import {
  MitraError,
  stakeholderMapEventTypes,
  type Actor,
  type DomainEvent,
  type FieldError,
  type GetStakeholderMapQuery,
  type InclusivenessCheck,
  type Organisation,
  type PutStakeholderMapCommand,
  type StakeholderEntry,
  type StakeholderEntryInput,
  type StakeholderMapView,
} from '@mitra/contracts';
import { assessInclusiveness, mayEditStakeholderMap, maySeeStakeholderMap } from '@mitra/domain';
import { conflict, ensureAllowed } from '../common/service-errors';
import { hashInput } from '../common/input-hash';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { StakeholderMapEvents } from './stakeholder-map-events';
import { StakeholderMapsRepository, type StoredMapVersion } from './stakeholder-maps.repository';

/** Entries with their organisation's name, sector and groups; organisations are never deleted, so all are found. */
function enrich(
  entries: StakeholderEntryInput[],
  organisations: Map<string, Organisation>,
): StakeholderEntry[] {
  return entries.flatMap((entry) => {
    const organisation = organisations.get(entry.organisationId);
    return organisation
      ? [
          {
            ...entry,
            name: organisation.name,
            sector: organisation.sector,
            vulnerableGroups: organisation.vulnerableGroups,
          },
        ]
      : [];
  });
}

function mapEvents(
  partnershipId: string,
  version: number,
  actor: Actor,
  at: Date,
  entries: StakeholderEntry[],
  check: InclusivenessCheck,
): DomainEvent[] {
  const base = { occurredAt: at.toISOString(), actor, partnershipId, organisationIds: [] };
  return [
    {
      ...base,
      eventId: `${stakeholderMapEventTypes.updated}:${partnershipId}:${version}`,
      type: stakeholderMapEventTypes.updated,
      data: { version, organisationIds: entries.map((entry) => entry.organisationId) },
    },
    {
      ...base,
      eventId: `${stakeholderMapEventTypes.checked}:${partnershipId}:${version}`,
      type: stakeholderMapEventTypes.checked,
      data: { version, passed: check.passed, flags: check.flags },
    },
  ];
}

@Injectable()
export class StakeholderMapsService {
  constructor(
    private readonly maps: StakeholderMapsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly events: StakeholderMapEvents,
  ) {}

  /** Writes the partnership's whole map as its next version and answers it with its check. */
  async put(command: PutStakeholderMapCommand): Promise<StakeholderMapView> {
    const { partnershipId, map, idempotencyKey } = command;
    ensureAllowed(mayEditStakeholderMap(command.actor), 'edit stakeholder maps');
    const inputHash = hashInput(map);
    const repeated = await this.maps.writtenBy(partnershipId, idempotencyKey);
    if (repeated) return this.view(this.sameInput(repeated.inputHash, inputHash, repeated));
    this.ensureCurrent((await this.maps.latest(partnershipId))?.version ?? 0, map.basedOnVersion);

    const organisations = await this.organisations.findManyByIds(
      map.entries.map((entry) => entry.organisationId),
    );
    const unknown: FieldError[] = map.entries.flatMap((entry, index) =>
      organisations.has(entry.organisationId)
        ? []
        : [
            {
              field: `map.entries.${index}.organisationId`,
              reason: 'is not a registered organisation',
              code: 'stakeholders.not_registered',
            },
          ],
    );
    if (unknown.length > 0) throw MitraError.validation(unknown);

    const at = new Date();
    const version = map.basedOnVersion + 1;
    const entries = enrich(map.entries, organisations);
    const check = assessInclusiveness(entries);
    const written = await this.maps.claim(partnershipId, version, {
      entries: map.entries,
      at,
      by: command.actor.userId,
      idempotencyKey,
      inputHash,
      events: mapEvents(partnershipId, version, command.actor, at, entries, check),
    });
    if (!written) {
      // Another command claimed the version first: this same one (a retry) or an edit of the same version.
      const raced = await this.maps.writtenBy(partnershipId, idempotencyKey);
      if (raced) return this.view(this.sameInput(raced.inputHash, inputHash, raced));
      throw conflict(
        'stakeholders.changed_since',
        { version: map.basedOnVersion },
        `The stakeholder map changed since version ${map.basedOnVersion}: read it again and apply the change to the current version.`,
      );
    }
    await this.events.flush(partnershipId);
    return { map: { partnershipId, version, entries, updatedAt: written.at, updatedBy: written.by }, check };
  }

  /** The map with what the registry says now about each stakeholder, and its inclusiveness check. */
  async get(query: GetStakeholderMapQuery): Promise<StakeholderMapView> {
    const latest = await this.maps.latest(query.partnershipId);
    if (
      !latest ||
      !maySeeStakeholderMap(
        query.actor,
        latest.entries.map((entry) => entry.organisationId),
      )
    ) {
      throw MitraError.notFound('The stakeholder map');
    }
    return this.view(latest);
  }

  private async view(version: StoredMapVersion): Promise<StakeholderMapView> {
    const organisations = await this.organisations.findManyByIds(
      version.entries.map((entry) => entry.organisationId),
    );
    const entries = enrich(version.entries, organisations);
    return {
      map: {
        partnershipId: version.partnershipId,
        version: version.version,
        entries,
        updatedAt: version.at,
        updatedBy: version.by,
      },
      check: assessInclusiveness(entries),
    };
  }

  private ensureCurrent(current: number, basedOnVersion: number): void {
    if (current !== basedOnVersion) {
      throw conflict(
        'stakeholders.changed_since',
        { version: basedOnVersion, current },
        `The stakeholder map is at version ${current}, not ${basedOnVersion}: read it again and apply the change to the current version.`,
      );
    }
  }

  private sameInput<T>(storedHash: string, inputHash: string, result: T): T {
    if (storedHash !== inputHash)
      throw conflict(
        'stakeholders.idempotency_key_reused',
        undefined,
        'This idempotency key was already used for a different command.',
      );
    return result;
  }
}
