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
  CreateAgreementCommand,
  DeclineCommand,
  DeclineReceipt,
  DiffVersionsQuery,
  GetAgreementQuery,
  ListAgreementsQuery,
  OpenedRound,
  OpenSigningCommand,
  RenderPdfQuery,
  ReviseAgreementCommand,
  RevisionReceipt,
  SignatureReceipt,
  SignCommand,
  VerificationReport,
  VersionDiff,
  VersionQuery,
} from '@mitra/contracts';
import {
  AgreementExceptionCode,
  agreementView,
  amendAgreement,
  amendMembership,
  assertMayRead,
  canonicalize,
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
  sha256Hex,
  sign,
  verifyVersion,
  versionSummary,
  type AgreementState,
  type Transition,
} from '@mitra/domain';
import { ed25519Verify } from '../crypto/ed25519';
import { SigningKeysService } from '../keys/signing-keys.service';
import { renderAgreementPdf, type SignatureLine } from '../pdf/agreement-pdf';
import type { CommandEntry } from './agreement.schema';
import { AgreementEvents, toOutboxEvent } from './agreement-events';
import { AgreementsRepository, type StoredAgreement } from './agreements.repository';

type Ref = CommandEntry['ref'];
const maxAttempts = 8;
/** The system itself, when time ends a round or sends a reminder. */
const system: Actor = { userId: 'system', role: 'admin' };

const now = () => new Date().toISOString();
const hashInput = (type: string, input: unknown) => sha256Hex(canonicalize({ type, input }));

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

@Injectable()
export class AgreementsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgreementsService.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly keys: SigningKeysService,
    private readonly events: AgreementEvents,
  ) {}

  // ---- commands ----

  async create(command: CreateAgreementCommand): Promise<Agreement> {
    const { actor, idempotencyKey, agreement } = command;
    const inputHash = hashInput('agreement.create', agreement);
    // The id comes from the key: a repeated or concurrent create finds (or loses to) the same revision 1.
    const id = this.agreements.idForCreateKey(idempotencyKey);
    let stored = await this.agreements.load(id);
    if (!stored) {
      const state = createAgreement({ id, ...agreement }, { actor, now: now() });
      await this.agreements.save({ revision: 0, commands: [], inputHash }, state, [], undefined);
      stored = (await this.agreements.load(id))!;
    }
    if (stored.inputHash !== inputHash) {
      refuse(AgreementExceptionCode.IdempotencyKeyReused, 'This idempotency key was already used for a different agreement.');
    }
    assertMayRead(actor, partyOrganisationIds(stored.state));
    return agreementView(stored.state, now());
  }

  revise(command: ReviseAgreementCommand): Promise<RevisionReceipt> {
    return this.run(command, 'agreement.revise', command.revision, (state, context) => {
      const transition = reviseAgreement(state, command.revision, context);
      return { ...transition, result: { versionNumber: transition.result.versionNumber } };
    }, (state, ref) => ({ agreementId: state.id, ...versionSummary(findVersion(state, Number(ref.versionNumber))) }));
  }

  amend(command: AmendAgreementCommand): Promise<AmendmentReceipt> {
    return this.run(command, 'agreement.amend', command.amendment, (state, context) => amendAgreement(state, command.amendment, context), (state, ref) => ({
      agreementId: state.id,
      version: versionSummary(findVersion(state, Number(ref.versionNumber))),
      round: openedRound(state, Number(ref.roundNumber)),
    }));
  }

  amendMembership(command: AmendMembershipCommand): Promise<AmendmentReceipt> {
    const input = { change: command.change, expiresAt: command.expiresAt };
    return this.run(command, 'agreement.amend-membership', input, (state, context) => amendMembership(state, command.change, command.expiresAt, context), (state, ref) => ({
      agreementId: state.id,
      version: versionSummary(findVersion(state, Number(ref.versionNumber))),
      round: openedRound(state, Number(ref.roundNumber)),
    }));
  }

  openSigning(command: OpenSigningCommand): Promise<OpenedRound> {
    return this.run(command, 'signing.open', command.signing, (state, context) => openSigning(state, command.signing, context), (state, ref) =>
      openedRound(state, Number(ref.roundNumber)),
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
        return { ...transition, result: { roundNumber: transition.result.roundNumber, organisationId: transition.result.organisationId } };
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
   * the rules decide, and the state, the command and its events are written in one update guarded by
   * the revision (retried when another command got there first). Rounds past their expiry are ended
   * first, in the same write.
   */
  private async run<R>(
    command: { actor: Actor; idempotencyKey: string; agreementId: string },
    type: string,
    input: unknown,
    decide: (state: AgreementState, context: { actor: Actor; now: string }) => Transition<Ref>,
    reply: (state: AgreementState, ref: Ref) => R,
  ): Promise<R> {
    const { actor, idempotencyKey, agreementId } = command;
    const inputHash = hashInput(type, input);
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const loaded = await this.load(agreementId, actor);
      const previous = loaded.commands.find((entry) => entry.key === idempotencyKey);
      if (previous) {
        if (previous.inputHash !== inputHash || previous.type !== type) {
          refuse(AgreementExceptionCode.IdempotencyKeyReused, 'This idempotency key was already used for a different command.');
        }
        return reply(loaded.state, previous.ref);
      }
      const at = now();
      const due = applyDueTime(loaded.state, at);
      let transition: Transition<Ref>;
      try {
        transition = decide(due.state, { actor, now: at });
      } catch (error) {
        // The refusal stands, but an expiry or reminder found on the way is still recorded.
        if (due.result) await this.persist(loaded, due, system, at, undefined);
        throw error;
      }
      if (transition.state === due.state && !due.result && transition.events.length === 0) {
        return reply(transition.state, transition.result); // nothing changed, e.g. the same signature again
      }
      const combined = { ...transition, events: [...due.events, ...transition.events] };
      if (await this.persist(loaded, combined, actor, at, { key: idempotencyKey, type, inputHash, ref: transition.result })) {
        return reply(transition.state, transition.result);
      }
    }
    return refuse(AgreementExceptionCode.ConcurrentChange, 'The agreement is changing under many commands at once; try again.');
  }

  private async persist(loaded: StoredAgreement, transition: Transition<unknown>, actor: Actor, at: string, command: CommandEntry | undefined): Promise<boolean> {
    const events = transition.events.map((draft) => toOutboxEvent(transition.state, draft, actor, at));
    const saved = await this.agreements.save(loaded, transition.state, events, command);
    if (saved && events.length > 0) this.events.flushSoon(transition.state.id);
    return saved;
  }

  /** Applies what time alone changes (expiries, reminders), so their events go out without waiting for a command. */
  async applyDueTimes(): Promise<void> {
    for (const id of await this.agreements.idsDueBy(now())) {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const loaded = await this.agreements.load(id);
        if (!loaded) break;
        const at = now();
        const due = applyDueTime(loaded.state, at);
        if (!due.result || (await this.persist(loaded, due, system, at, undefined))) break;
      }
    }
  }

  onApplicationBootstrap(): void {
    const sweep = () => this.applyDueTimes().catch((error: unknown) => this.logger.warn(`expiries and reminders failed: ${String(error)}`));
    this.sweeper = setInterval(() => void sweep(), 30_000);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  // ---- queries ----

  private async load(id: string, actor: Actor): Promise<StoredAgreement> {
    const loaded = await this.agreements.load(id);
    if (!loaded) return refuse(AgreementExceptionCode.NotFound, 'The agreement was not found.');
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
        ? this.agreements.list({ partnershipId: query.partnershipId, organisationId: query.actor.organisationId }, query.limit)
        : Promise.resolve([]);
    }
    return this.agreements.list({ partnershipId: query.partnershipId }, query.limit);
  }

  async version(query: VersionQuery): Promise<AgreementVersion> {
    return findVersion((await this.load(query.agreementId, query.actor)).state, query.versionNumber);
  }

  async diff(query: DiffVersionsQuery): Promise<VersionDiff> {
    const { state } = await this.load(query.agreementId, query.actor);
    return diffVersions(findVersion(state, query.from).content, findVersion(state, query.to).content, query.language);
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
      const declined = roundsOfVersion.flatMap((round) => round.declines).find((d) => d.organisationId === party.organisationId);
      return {
        party: {
          organisationId: party.organisationId,
          organisationName: party.name,
          signatoryName: party.representative.name,
          signatoryTitle: party.representative.title,
        },
        ...(check ? { signature: { ...check, contentHash: versionsByNumber.get(check.signedVersion)!.contentHash } } : {}),
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
