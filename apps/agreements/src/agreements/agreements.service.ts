import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type {
  Actor,
  Agreement,
  AgreementPdf,
  AgreementSummary,
  AgreementTemplate,
  AgreementVersion,
  AmendAgreementCommand,
  AmendMembershipCommand,
  AmendmentReceipt,
  CancelRoundCommand,
  CreateAgreementCommand,
  DeclineCommand,
  DeclineReceipt,
  DiffVersionsQuery,
  GetAgreementQuery,
  ListAgreementsQuery,
  MembershipChangeReceipt,
  OpenedRound,
  OpenSigningCommand,
  RenderPdfQuery,
  ReviseAgreementCommand,
  RevisionReceipt,
  SignatureReceipt,
  SignCommand,
  SigningRound,
  VerificationReport,
  VersionDiff,
  VersionQuery,
} from '@mitra/contracts';
import { needsMembership } from '@mitra/contracts';
import {
  AgreementExceptionCode,
  agreementView,
  amendAgreement,
  amendMembership,
  amendQueued,
  assertMayRead,
  cancelRound,
  createAgreement,
  decline,
  diffVersions,
  applyDueTime,
  findVersion,
  listTemplates,
  openSigning,
  partyOrganisationIds,
  refuse,
  reviseAgreement,
  sign,
  verifyVersion,
  versionSummary,
  type AgreementState,
  type Transition,
} from '@mitra/domain';
import type { Revision } from '@mitra/platform';
import { commandHash } from '../command-hash';
import { ed25519Verify } from '../crypto/ed25519';
import { SigningKeysService } from '../keys/signing-keys.service';
import { renderAgreementPdf, type SignatureLine } from '../pdf/agreement-pdf';
import { changeBetween, type AgreementChange, type AgreementCommandRecord } from './agreement-changes';
import { createKey, timeKey } from './agreement.schema';
import { AgreementEvents, toOutboxEvent } from './agreement-events';
import { AgreementsRepository, type LoadedAgreement } from './agreements.repository';

type Ref = AgreementCommandRecord['ref'];
/**
 * How often a command decides again after losing the race for the next revision. Each lost race
 * means another command for this agreement was written, so n commands sent at once all finish within
 * n decisions (every party of an MoU signing at the same moment); past this bound the answer is 409
 * and the client sends the command again with its key.
 */
const maxDecisions = 8;
/** The system itself, when time ends a round or sends a reminder. */
const system: Actor = { userId: 'system', role: 'admin' };
/** Revisions the due-time sweep handles per page, and pages per sweep. */
const duePageSize = 100;
const maxDuePages = 20;

const now = () => new Date().toISOString();

function openedRound(state: AgreementState, roundNumber: number): OpenedRound {
  const round = state.rounds.find((r) => r.number === roundNumber)!;
  return {
    agreementId: state.id,
    number: round.number,
    versionNumber: round.versionNumber,
    contentHash: round.contentHash,
    mode: round.mode,
    parties: round.parties,
    expiresAt: round.expiresAt,
    openedAt: round.openedAt,
    openedBy: round.openedBy,
    carriedFrom: round.carriedFrom,
    rule: round.rule,
  };
}

/** The outcome of one decision: the reply, or the news that another command took the revision first. */
type Attempt<R> = { reply: R } | 'lostRace';

@Injectable()
export class AgreementsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgreementsService.name);
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly keys: SigningKeysService,
    private readonly events: AgreementEvents,
  ) {}

  // ---- commands ----

  async create(command: CreateAgreementCommand): Promise<Agreement> {
    const { actor, idempotencyKey, agreement } = command;
    const inputHash = commandHash('agreement.create', agreement);
    // The id comes from the key: a repeated or concurrent create finds (or loses to) the same revision 1.
    const id = this.agreements.idForCreateKey(idempotencyKey);
    let loaded = await this.agreements.load(id);
    if (!loaded) {
      const at = now();
      const state = createAgreement({ id, ...agreement }, { actor, now: at });
      const change = changeBetween(undefined, state, {
        at,
        actor,
        command: { type: 'agreement.create', ref: {} },
      });
      await this.agreements.append(undefined, state, change, [], { idempotencyKey: createKey, inputHash });
      loaded = (await this.agreements.load(id))!;
    }
    if (loaded.revisions[0]!.inputHash !== inputHash) {
      refuse(
        AgreementExceptionCode.IdempotencyKeyReused,
        'This idempotency key was already used for a different agreement.',
      );
    }
    assertMayRead(actor, partyOrganisationIds(loaded.state));
    return agreementView(loaded.state, now());
  }

  revise(command: ReviseAgreementCommand): Promise<RevisionReceipt> {
    return this.run(
      command,
      'agreement.revise',
      command.revision,
      (state, context) => {
        const transition = reviseAgreement(state, command.revision, context);
        return { ...transition, result: { versionNumber: transition.result.versionNumber } };
      },
      (state, ref) => ({
        agreementId: state.id,
        ...versionSummary(findVersion(state, Number(ref.versionNumber))),
      }),
    );
  }

  amend(command: AmendAgreementCommand): Promise<AmendmentReceipt> {
    return this.run(
      command,
      'agreement.amend',
      command.amendment,
      (state, context) => amendAgreement(state, command.amendment, context),
      (state, ref) => ({
        agreementId: state.id,
        version: versionSummary(findVersion(state, Number(ref.versionNumber))),
        round: openedRound(state, Number(ref.roundNumber)),
      }),
    );
  }

  amendMembership(command: AmendMembershipCommand): Promise<MembershipChangeReceipt> {
    const input = { change: command.change, expiresAt: command.expiresAt };
    return this.run(
      command,
      'agreement.amend-membership',
      input,
      (state, context) => amendMembership(state, { ...input, key: command.idempotencyKey }, context),
      (state, ref): MembershipChangeReceipt => {
        if ('queuedKey' in ref) {
          const entry = state.membershipQueue!.find((queued) => queued.key === ref.queuedKey)!;
          return {
            outcome: 'queued',
            agreementId: state.id,
            key: entry.key,
            queuedAt: entry.queuedAt,
            behindRound: Number(ref.behindRound),
          };
        }
        return {
          outcome: 'amended',
          agreementId: state.id,
          version: versionSummary(findVersion(state, Number(ref.versionNumber))),
          round: openedRound(state, Number(ref.roundNumber)),
        };
      },
    );
  }

  cancelRound(command: CancelRoundCommand): Promise<SigningRound> {
    return this.run(
      command,
      'signing.cancel',
      { roundNumber: command.roundNumber, cancellation: command.cancellation },
      (state, context) => cancelRound(state, command, context),
      (state, ref) => state.rounds.find((round) => round.number === Number(ref.roundNumber))!,
    );
  }

  openSigning(command: OpenSigningCommand): Promise<OpenedRound> {
    return this.run(
      command,
      'signing.open',
      command.signing,
      (state, context) => openSigning(state, command.signing, context),
      (state, ref) => openedRound(state, Number(ref.roundNumber)),
    );
  }

  async sign(command: SignCommand): Promise<SignatureReceipt> {
    const key = await this.keys.find(command.signature.keyId);
    return this.run(
      command,
      'signing.sign',
      { versionNumber: command.versionNumber, signature: command.signature },
      (state, context) => {
        const transition = sign(state, command, { ...context, key, verify: ed25519Verify });
        return {
          ...transition,
          result: {
            roundNumber: transition.result.roundNumber,
            organisationId: transition.result.organisationId,
          },
        };
      },
      (state, ref) => {
        const round = state.rounds.find((r) => r.number === Number(ref.roundNumber))!;
        return {
          agreementId: state.id,
          versionNumber: round.versionNumber,
          roundNumber: round.number,
          signature: round.signatures.find((s) => s.organisationId === ref.organisationId)!,
        };
      },
    );
  }

  decline(command: DeclineCommand): Promise<DeclineReceipt> {
    return this.run(
      command,
      'signing.decline',
      { versionNumber: command.versionNumber, decline: command.decline },
      (state, context) => decline(state, command, context),
      (state, ref) => {
        const round = state.rounds.find((r) => r.number === Number(ref.roundNumber))!;
        return {
          agreementId: state.id,
          versionNumber: round.versionNumber,
          roundNumber: round.number,
          decline: round.declines.find((d) => d.organisationId === ref.organisationId)!,
        };
      },
    );
  }

  /**
   * Applies a command to one agreement: a repeated idempotency key gets the first reply; otherwise
   * the rules decide on the agreement as its log leaves it, and what changed, the command and its
   * events are appended as the next revision. Rounds past their expiry are ended first, in the same
   * revision. When another command took that revision first, the rules decide again on the longer log.
   */
  private async run<R>(
    command: { actor: Actor; idempotencyKey: string; agreementId: string },
    type: string,
    input: unknown,
    decide: (state: AgreementState, context: { actor: Actor; now: string }) => Transition<Ref>,
    reply: (state: AgreementState, ref: Ref) => R,
  ): Promise<R> {
    const inputHash = commandHash(type, input);
    for (let decision = 0; decision < maxDecisions; decision++) {
      const attempt = await this.attempt(command, type, inputHash, decide, reply);
      if (attempt !== 'lostRace') return attempt.reply;
    }
    return refuse(
      AgreementExceptionCode.ConcurrentChange,
      'The agreement is changing under many commands at once; try again.',
    );
  }

  private async attempt<R>(
    command: { actor: Actor; idempotencyKey: string; agreementId: string },
    type: string,
    inputHash: string,
    decide: (state: AgreementState, context: { actor: Actor; now: string }) => Transition<Ref>,
    reply: (state: AgreementState, ref: Ref) => R,
  ): Promise<Attempt<R>> {
    const { actor, idempotencyKey, agreementId } = command;
    const loaded = await this.load(agreementId, actor);
    const earlier = loaded.revisions.find((revision) => revision.idempotencyKey === idempotencyKey);
    if (earlier) return { reply: this.replay(loaded, earlier, inputHash, reply) };
    const at = now();
    const due = applyDueTime(loaded.state, at);
    let decided: Transition<Ref>;
    try {
      decided = decide(due.state, { actor, now: at });
    } catch (error) {
      // The refusal stands, but an expiry or reminder found on the way is still recorded.
      if (due.result) await this.recordDueTime(loaded, due, at);
      throw error;
    }
    // A round this command ended lets the membership change queued behind it be amended, in the same revision.
    const queued = amendQueued(decided.state, at);
    const transition: Transition<Ref> = {
      state: queued.state,
      events: [...decided.events, ...queued.events],
      result: decided.result,
    };
    if (transition.state === due.state && !due.result && transition.events.length === 0) {
      return { reply: reply(transition.state, transition.result) }; // nothing changed, e.g. the same signature again
    }
    const events = [...due.events, ...transition.events].map((draft) =>
      toOutboxEvent(transition.state, draft, actor, at),
    );
    const change = changeBetween(loaded.state, transition.state, {
      at,
      actor,
      command: { type, ref: transition.result },
    });
    const appended = await this.agreements.append(loaded, transition.state, change, events, {
      idempotencyKey,
      inputHash,
    });
    switch (appended.status) {
      case 'appended':
        if (events.length > 0) this.events.flushSoon(agreementId);
        return { reply: reply(transition.state, transition.result) };
      case 'replayed':
      case 'keyReused':
        // The same key, sent again at the same moment, was written first: answer as it was answered.
        return {
          reply: this.replay(await this.load(agreementId, actor), appended.revision, inputHash, reply),
        };
      case 'conflict':
        return 'lostRace';
    }
  }

  private replay<R>(
    loaded: LoadedAgreement,
    earlier: Revision<AgreementChange>,
    inputHash: string,
    reply: (state: AgreementState, ref: Ref) => R,
  ): R {
    const recorded = earlier.change.command;
    if (earlier.inputHash !== inputHash || !recorded) {
      return refuse(
        AgreementExceptionCode.IdempotencyKeyReused,
        'This idempotency key was already used for a different command.',
      );
    }
    return reply(loaded.state, recorded.ref);
  }

  /** Appends what time alone changed (by the system); a revision another writer took first is left to it. */
  private async recordDueTime(loaded: LoadedAgreement, due: Transition<boolean>, at: string): Promise<void> {
    const events = due.events.map((draft) => toOutboxEvent(due.state, draft, system, at));
    const change = changeBetween(loaded.state, due.state, { at });
    const revision = loaded.revision + 1;
    const appended = await this.agreements.append(loaded, due.state, change, events, {
      idempotencyKey: timeKey(revision),
      inputHash: 'time',
    });
    if (appended.status === 'appended' && events.length > 0) this.events.flushSoon(loaded.state.id);
  }

  /**
   * Applies what time alone changes (expiries, reminders), so their events go out without waiting for
   * a command: the agreements whose newest revision says something is due, found by index. A revision
   * found superseded (or handled now) leaves the index.
   */
  async applyDueTimes(): Promise<void> {
    for (let page = 0; page < maxDuePages; page++) {
      const due = await this.agreements.dueBy(now(), duePageSize);
      for (const { aggregateId, revision } of due) {
        const loaded = await this.agreements.load(aggregateId);
        if (loaded?.revision === revision) {
          const at = now();
          const applied = applyDueTime(loaded.state, at);
          if (applied.result) await this.recordDueTime(loaded, applied, at);
          else
            this.logger.warn(
              `agreement ${aggregateId} was due at revision ${revision}, but nothing fell due`,
            );
        }
        await this.agreements.clearDue(aggregateId, revision);
      }
      if (due.length < duePageSize) return;
    }
  }

  onApplicationBootstrap(): void {
    const sweep = () => {
      this.sweeping ??= this.applyDueTimes()
        .catch((error: unknown) => this.logger.warn(`expiries and reminders failed: ${String(error)}`))
        .finally(() => {
          this.sweeping = undefined;
        });
    };
    this.sweeper = setInterval(sweep, 30_000);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
  }

  // ---- queries ----

  /**
   * The agreement, if the actor may see it: a coordinator or partner vouched a member of another partnership
   * (`actor.memberOf`, see AccessPolicyCheck) learns nothing of it. One vouched for none is judged by its parties
   * only, since the api asks for an agreement to learn which partnership to check membership in.
   */
  private async load(id: string, actor: Actor): Promise<LoadedAgreement> {
    const loaded = await this.agreements.load(id);
    if (!loaded) return refuse(AgreementExceptionCode.NotFound, 'The agreement was not found.');
    const { partnershipId } = loaded.state;
    if (
      needsMembership(actor, partnershipId) &&
      actor.memberOf !== undefined &&
      actor.memberOf !== partnershipId
    )
      return refuse(AgreementExceptionCode.NotFound, 'The agreement was not found.');
    assertMayRead(actor, partyOrganisationIds(loaded.state));
    return loaded;
  }

  templates(): AgreementTemplate[] {
    return listTemplates();
  }

  async get(query: GetAgreementQuery): Promise<Agreement> {
    const at = now();
    // Shown as it stands now: a round past its expiry reads as expired even before the sweeper runs.
    return agreementView(applyDueTime((await this.load(query.id, query.actor)).state, at).state, at);
  }

  list(query: ListAgreementsQuery): Promise<AgreementSummary[]> {
    if (query.actor.role === 'partner') {
      return query.actor.organisationId
        ? this.agreements.listOfParty(query.actor.organisationId, query.partnershipId, query.limit)
        : Promise.resolve([]);
    }
    return this.agreements.list(query.partnershipId, query.limit);
  }

  async version(query: VersionQuery): Promise<AgreementVersion> {
    return findVersion((await this.load(query.agreementId, query.actor)).state, query.versionNumber);
  }

  async diff(query: DiffVersionsQuery): Promise<VersionDiff> {
    const { state } = await this.load(query.agreementId, query.actor);
    return diffVersions(
      findVersion(state, query.from).content,
      findVersion(state, query.to).content,
      query.language,
    );
  }

  async verify(query: VersionQuery): Promise<VerificationReport> {
    const { state } = await this.load(query.agreementId, query.actor);
    return this.verifyState(state, query.versionNumber);
  }

  private async verifyState(state: AgreementState, versionNumber: number): Promise<VerificationReport> {
    const keyIds = state.rounds.flatMap((round) => round.signatures.map((signature) => signature.keyId));
    return verifyVersion(state, versionNumber, await this.keys.findMany(keyIds), ed25519Verify, now());
  }

  async pdf(query: RenderPdfQuery): Promise<AgreementPdf> {
    const { state } = await this.load(query.agreementId, query.actor);
    const version = findVersion(state, query.versionNumber);
    const report = await this.verifyState(state, version.number);
    const versionsByNumber = new Map(state.versions.map((v) => [v.number, v]));
    const roundsOfVersion = state.rounds.filter((round) => round.versionNumber === version.number);
    const lines: SignatureLine[] = version.content.fields.parties.map((party) => {
      const check = report.signatures.find((s) => s.organisationId === party.organisationId);
      const declined = roundsOfVersion
        .flatMap((round) => round.declines)
        .find((d) => d.organisationId === party.organisationId);
      return {
        party: {
          organisationId: party.organisationId,
          organisationName: party.name,
          signatoryName: party.representative.name,
          signatoryTitle: party.representative.title,
        },
        ...(check
          ? { signature: { ...check, contentHash: versionsByNumber.get(check.signedVersion)!.contentHash } }
          : {}),
        ...(declined && !check ? { decline: declined } : {}),
      };
    });
    const bytes = await renderAgreementPdf(version, lines, query.language);
    return {
      agreementId: state.id,
      versionNumber: version.number,
      contentHash: version.contentHash,
      language: query.language,
      fileName: `${state.kind}-${state.id}-v${version.number}-${query.language}.pdf`,
      contentBase64: Buffer.from(bytes).toString('base64'),
    };
  }
}
