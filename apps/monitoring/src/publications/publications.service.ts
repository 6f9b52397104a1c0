import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  type Actor,
  type GetPublicationsQuery,
  type Publication,
  type PublicationRecord,
  type PublicIndexQuery,
  type PublicReport,
  type PublicReportIndex,
  type PublicReportQuery,
  type PublicSection,
  type PublishedReport,
  PublicationContracts,
} from '@mitra/contracts';
import {
  publicIndex,
  publishedReport,
  publishReport,
  withdrawReport,
  type PublicationContext,
  type PublicationDecisionResult,
} from '@mitra/domain';
import type { Revision } from '@mitra/platform';
import type { DocumentChange } from '../persistence/document-log';
import { PublicationsRepository } from './publications.repository';

const hashInput = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');
const maxAttempts = 20;

interface Command {
  idempotencyKey: string;
  actor: Actor;
  partnershipId: string;
}

/**
 * Publishing and withdrawing a year's annual report are decisions appended to the partnership's
 * publication log (as plans are: of two decisions on the same revision one gets in, the other decides
 * again on the newer record). The public reads only what is published now, from the snapshot
 * stored with the decision: never from live data.
 */
@Injectable()
export class PublicationsService {
  constructor(private readonly publications: PublicationsRepository) {}

  async get(query: GetPublicationsQuery): Promise<PublicationRecord> {
    return (await this.publications.current(query.partnershipId)).document;
  }

  async publicIndex(query: PublicIndexQuery): Promise<PublicReportIndex> {
    const index = publicIndex((await this.publications.current(query.partnershipId)).document);
    if (!index) throw MitraError.notFound('A published report');
    return index;
  }

  async publicReport(query: PublicReportQuery): Promise<PublishedReport> {
    const report = publishedReport(
      (await this.publications.current(query.partnershipId)).document,
      query.year,
    );
    if (!report) throw MitraError.notFound(`A published report of ${query.year}`);
    return report;
  }

  /** Idempotent on the request (year and sections): a retry after the live data moved on gets the first reply, not a 409. */
  publish(
    command: Command & { year: number; sections: PublicSection[]; report: PublicReport },
  ): Promise<Publication> {
    const input = { year: command.year, sections: command.sections };
    return this.decide(PublicationContracts.Publish.subject, command, input, (record, ctx) =>
      publishReport(record, command.report, ctx),
    );
  }

  withdraw(command: Command & { year: number; reason: string }): Promise<Publication> {
    const input = { year: command.year, reason: command.reason };
    return this.decide(PublicationContracts.Withdraw.subject, command, input, (record, ctx) =>
      withdrawReport(record, command.year, command.reason, ctx),
    );
  }

  private async decide(
    subject: string,
    command: Command,
    input: unknown,
    decide: (record: PublicationRecord, ctx: PublicationContext) => PublicationDecisionResult,
  ): Promise<Publication> {
    const { partnershipId, idempotencyKey } = command;
    // The actor is part of the input: the same key sent by someone else is a different command.
    const inputHash = hashInput({ subject, actor: command.actor, input });
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const repeated = await this.publications.byIdempotencyKey(partnershipId, idempotencyKey);
      if (repeated) return this.replay(repeated, inputHash);
      const current = await this.publications.current(partnershipId);
      const decision = decide(current.document, { actor: command.actor, now: new Date().toISOString() });
      // Publication decisions raise no events, so the service's one outbox relay sweeps the plans only.
      const appended = await this.publications.append(
        partnershipId,
        current,
        decision.record,
        { subject, result: decision.result, idempotencyKey, inputHash },
        [],
      );
      switch (appended.status) {
        case 'appended':
          return decision.result;
        case 'replayed':
        case 'keyReused':
          return this.replay(appended.revision, inputHash);
        case 'conflict':
          continue;
      }
    }
    throw MitraError.unavailable('The publications (too many concurrent changes)');
  }

  private async replay(revision: Revision<DocumentChange>, inputHash: string): Promise<Publication> {
    if (revision.inputHash !== inputHash)
      throw MitraError.refused(
        ErrorCode.Conflict,
        'monitoring.idempotency_key_reused',
        undefined,
        'This Idempotency-Key was already used for a different command.',
      );
    return (await this.publications.resultOf(revision)) as Publication;
  }
}
