import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { parse } from 'yaml';
import type { ListSdgIndicatorsQuery, ListSdgTargetsQuery, SdgGoal, SdgIndicator, SdgLink, SdgTarget } from '@mitra/contracts';
import { buildSdgCatalogue, searchSdgIndicators, searchSdgTargets, type SdgCatalogue } from '@mitra/domain';

/** The catalogue ships with the app (the machines have no internet): `apps/monitoring/data/sdg`. */
export const sdgDataDirectory = path.resolve(__dirname, '../../data/sdg');

function readMap(file: string): Record<string, string> {
  const parsed: unknown = parse(readFileSync(path.join(sdgDataDirectory, file), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} is not a key: text map`);
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

export function loadSdgCatalogue(): SdgCatalogue {
  return buildSdgCatalogue({
    goalsEn: readMap('global_goals.en.yml'),
    goalsId: readMap('goals.id.yml'),
    targetsEn: readMap('global_targets.en.yml'),
    targetsId: readMap('global_targets.id.yml'),
    indicatorsEn: readMap('global_indicators.en.yml'),
    indicatorsId: readMap('global_indicators.id.yml'),
  });
}

/** Loaded once at start-up; a missing or broken file stops the app. */
@Injectable()
export class SdgCatalogueService {
  private readonly catalogue = loadSdgCatalogue();
  private readonly targetCodes = new Set(this.catalogue.targets.map((t) => t.code));
  private readonly indicatorCodes = new Set(this.catalogue.indicators.map((i) => i.code));

  goals(): SdgGoal[] {
    return this.catalogue.goals;
  }

  targets(query: ListSdgTargetsQuery): SdgTarget[] {
    return searchSdgTargets(this.catalogue, query);
  }

  indicators(query: ListSdgIndicatorsQuery): SdgIndicator[] {
    return searchSdgIndicators(this.catalogue, query);
  }

  exists(link: SdgLink): boolean {
    return link.kind === 'target' ? this.targetCodes.has(link.code) : this.indicatorCodes.has(link.code);
  }
}
