import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { RegionCatalogue } from '@mitra/domain';
import { hashInput } from '../common/input-hash';
import { OrganisationEvents } from '../organisations/organisation-events';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { regionCatalogueVersion } from '../regions/region-csv';
import { RegionsService } from '../regions/regions.service';

/** Who the versions this migration writes are by, in each version's `updatedBy` and event. */
export const regionCodingAuthor = 'system:region-coding';

export interface RegionCodingResult {
  /** Organisations given their code now. */
  coded: number;
  /** Organisations whose names lead to no single official region, or that changed meanwhile: shown as uncoded. */
  uncoded: number;
}

/**
 * Codes the regions written by hand before official codes existed, once per version of the official
 * catalogue: an organisation whose names lead to exactly one official region gets a new version with
 * its code; the others stay uncoded, which every reader sees as a region without `code`. Each write is
 * keyed by organisation and version, so replicas starting together write it once, and an edit made
 * meanwhile wins (the write against its version is refused; the next catalogue tries again).
 * `published` is told each organisation written, whose event it may send at once (the sweep would).
 */
export async function codeRegions(
  connection: Connection,
  organisations: OrganisationsRepository,
  catalogue: RegionCatalogue,
  published: (organisationId: string) => Promise<void>,
  logger: Pick<Logger, 'log'>,
): Promise<RegionCodingResult | undefined> {
  const migrations = connection.collection<{ _id: string; at: Date } & RegionCodingResult>('migrations');
  const marker = `region-coding:${regionCatalogueVersion}`;
  if (await migrations.findOne({ _id: marker })) return undefined;
  const candidates = await connection
    .collection('organisations')
    .find({ 'region.code': { $exists: false } }, { projection: { _id: 1 } })
    .toArray();
  let coded = 0;
  for (const { _id } of candidates) {
    const id = _id.toString();
    if (!(await codeRegion(organisations, catalogue, id))) continue;
    coded++;
    await published(id);
  }
  const result = { coded, uncoded: candidates.length - coded };
  await migrations.updateOne({ _id: marker }, { $set: { at: new Date(), ...result } }, { upsert: true });
  logger.log(
    `Region codes (${regionCatalogueVersion}): ${result.coded} organisations coded, ${result.uncoded} left without a code`,
  );
  return result;
}

async function codeRegion(
  organisations: OrganisationsRepository,
  catalogue: RegionCatalogue,
  id: string,
): Promise<boolean> {
  const latest = await organisations.latestVersion(id);
  if (!latest || latest.region.code) return false;
  const { version, acknowledgedDuplicateOf, ...organisation } = latest;
  const resolved = catalogue.resolve(organisation.region);
  if (!('region' in resolved) || !resolved.region.code) return false;
  const input = { ...organisation, region: resolved.region };
  const written = await organisations.appendVersion(
    id,
    version + 1,
    {
      input,
      by: regionCodingAuthor,
      at: new Date(),
      idempotencyKey: `region-coding:${id}:${version}`,
      inputHash: hashInput(input),
      acknowledgedDuplicateOf,
      previous: organisation,
    },
    // The name and the region's names are unchanged: the record keeps whatever claim it holds.
    { acknowledgeDuplicate: true },
  );
  return written !== undefined && !('claimedBy' in written);
}

/** Runs `codeRegions` at start-up, once the service's other start-up migrations are done. */
@Injectable()
export class RegionCoding implements OnApplicationBootstrap {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly organisations: OrganisationsRepository,
    private readonly events: OrganisationEvents,
    private readonly regions: RegionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await codeRegions(
      this.connection,
      this.organisations,
      this.regions.catalogue,
      (id) => this.events.flush(id),
      new Logger(RegionCoding.name),
    );
  }
}
