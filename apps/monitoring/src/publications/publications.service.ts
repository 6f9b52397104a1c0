import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  PublicationSubject,
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
} from '@mitra/contracts';
import { publicIndex, publishedReport, publishReport, withdrawReport, type PublicationContext, type PublicationDecisionResult } from '@mitra/domain';
import { PublicationsRepository } from './publications.repository';

const hashInput = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');
const maxAttempts = 20;

interface Command {
  idempotencyKey: string;
  actor: Actor;
  partnershipId: string;
}

/**
 * Publishing and withdrawing a year's annual report are decisions recorded in the partnership's
 * chain of publication revisions. The public reads only what is published now, from the snapshot
 * stored with the decision: never from live data.
 */
@Injectable()
export class PublicationsService {
  constructor(private readonly publications: PublicationsRepository) {}

  async get(query: GetPublicationsQuery): Promise<PublicationRecord> {
    return (await this.publications.load(query.partnershipId)).record;
  }

  async publicIndex(query: PublicIndexQuery): Promise<PublicReportIndex> {
    const index = publicIndex((await this.publications.load(query.partnershipId)).record);
    if (!index) throw MitraError.notFound('A published report');
    return index;
  }

  async publicReport(query: PublicReportQuery): Promise<PublishedReport> {
    const report = publishedReport((await this.publications.load(query.partnershipId)).record, query.year);
    if (!report) throw MitraError.notFound(`A published report of ${query.year}`);
    return report;
  }

  /** Idempotent on the request (year and sections): a retry after the live data moved on gets the first reply, not a 409. */
  publish(command: Command & { year: number; sections: PublicSection[]; report: PublicReport }): Promise<Publication> {
    const input = { year: command.year, sections: command.sections };
    return this.decide(PublicationSubject.Publish, command, input, (record, ctx) => publishReport(record, command.report, ctx));
  }

  withdraw(command: Command & { year: number; reason: string }): Promise<Publication> {
    const input = { year: command.year, reason: command.reason };
    return this.decide(PublicationSubject.Withdraw, command, input, (record, ctx) => withdrawReport(record, command.year, command.reason, ctx));
  }

  private async decide(subject: PublicationSubject, command: Command, input: unknown, decide: (record: PublicationRecord, ctx: PublicationContext) => PublicationDecisionResult): Promise<Publication> {
    // The actor is part of the input: the same key sent by someone else is a different command.
    const inputHash = hashInput({ subject, actor: command.actor, input });
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = await this.publications.load(command.partnershipId);
      const repeated = stored.commands.find((c) => c.key === command.idempotencyKey);
      if (repeated) {
        if (repeated.inputHash !== inputHash) throw new MitraError(ErrorCode.Conflict, 'This Idempotency-Key was already used for a different command.');
        return repeated.result as Publication;
      }
      const now = new Date().toISOString();
      const decision = decide(stored.record, { actor: command.actor, now });
      if (await this.publications.append(stored, decision.record, { key: command.idempotencyKey, inputHash, result: decision.result }, now)) return decision.result;
    }
    throw MitraError.unavailable('The publications (too many concurrent changes)');
  }
}
