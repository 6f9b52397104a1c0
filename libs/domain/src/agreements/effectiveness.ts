import type {
  AgreementVersion,
  EffectivenessRule,
  EffectivenessStatus,
  FieldError,
  RequirementStatus,
  Sector,
  SigningRound,
} from '@mitra/contracts';

/** A party of a round with the sector a quorum counts it in. */
export interface RuleParty {
  organisationId: string;
  sector: Sector | undefined;
}

/** The round's parties with their sectors, as the version they sign (or, for a leaving party, an earlier one) names them. */
export function ruleParties(
  versions: readonly AgreementVersion[],
  round: Pick<SigningRound, 'parties' | 'versionNumber'>,
): RuleParty[] {
  const own =
    versions.find((version) => version.number === round.versionNumber)?.content.fields.parties ?? [];
  const any = versions.flatMap((version) => version.content.fields.parties);
  return round.parties.map(({ organisationId }) => ({
    organisationId,
    sector: (
      own.find((party) => party.organisationId === organisationId) ??
      any.find((party) => party.organisationId === organisationId)
    )?.sector,
  }));
}

/** How the rule stands when these parties have signed. */
export function ruleStatus(
  rule: EffectivenessRule,
  parties: readonly RuleParty[],
  signed: ReadonlySet<string>,
): { met: boolean; requirements: RequirementStatus[] } {
  switch (rule.kind) {
    case 'all':
      return { met: parties.every((party) => signed.has(party.organisationId)), requirements: [] };
    case 'quorum': {
      const requirements = rule.requirements.map((requirement): RequirementStatus => {
        const counted = parties
          .filter((party) => party.sector !== undefined && requirement.sectors.includes(party.sector))
          .map((party) => party.organisationId);
        const needed = requirement.count === 'all' ? counted.length : requirement.count;
        const signedOrganisationIds = counted.filter((id) => signed.has(id));
        return {
          sectors: requirement.sectors,
          count: requirement.count,
          organisationIds: counted,
          needed,
          signedOrganisationIds,
          met: signedOrganisationIds.length >= needed,
        };
      });
      return { met: requirements.every((requirement) => requirement.met), requirements };
    }
  }
}

/** Whether the rule can still be met if every party that has not declined signs. */
export function ruleStillPossible(
  rule: EffectivenessRule,
  parties: readonly RuleParty[],
  declined: ReadonlySet<string>,
): boolean {
  const willing = new Set(parties.map((party) => party.organisationId).filter((id) => !declined.has(id)));
  return ruleStatus(rule, parties, willing).met;
}

/** A party without whose signature the rule cannot be met, given the declines so far. */
export function isRequiredParty(
  rule: EffectivenessRule,
  parties: readonly RuleParty[],
  declined: ReadonlySet<string>,
  organisationId: string,
): boolean {
  return !ruleStillPossible(rule, parties, new Set([...declined, organisationId]));
}

/** Field errors of a rule for the parties of a round: each requirement must count a party and ask no more than it counts. */
export function checkRule(
  rule: EffectivenessRule,
  parties: readonly RuleParty[],
  fieldPrefix: string,
): FieldError[] {
  if (rule.kind === 'all') return [];
  return rule.requirements.flatMap((requirement, index): FieldError[] => {
    const counted = parties.filter(
      (party) => party.sector !== undefined && requirement.sectors.includes(party.sector),
    ).length;
    if (counted === 0) {
      return [
        {
          field: `${fieldPrefix}.requirements.${index}.sectors`,
          reason: 'matches no party of this round',
          code: 'agreements.rule_matches_no_party',
        },
      ];
    }
    if (requirement.count !== 'all' && requirement.count > counted) {
      return [
        {
          field: `${fieldPrefix}.requirements.${index}.count`,
          reason: `asks for ${requirement.count} signatures, but only ${counted} parties of these sectors sign`,
          code: 'agreements.rule_asks_too_many',
          params: { count: requirement.count, counted },
        },
      ];
    }
    return [];
  });
}

/** The round that decides a version's effectiveness: the one that completed it, else its latest round. */
export function decidingRound(
  rounds: readonly SigningRound[],
  versionNumber: number,
): SigningRound | undefined {
  const ofVersion = rounds.filter((round) => round.versionNumber === versionNumber);
  return ofVersion.find((round) => round.status === 'completed') ?? ofVersion[ofVersion.length - 1];
}

/** The deciding round's rule for a version, counted with the given signers; null when no round was opened. */
export function effectivenessOf(
  state: { versions: readonly AgreementVersion[]; rounds: readonly SigningRound[] },
  versionNumber: number,
  signed: ReadonlySet<string>,
): EffectivenessStatus | null {
  const round = decidingRound(state.rounds, versionNumber);
  if (!round) return null;
  const status = ruleStatus(round.rule, ruleParties(state.versions, round), signed);
  return { roundNumber: round.number, rule: round.rule, ...status };
}
