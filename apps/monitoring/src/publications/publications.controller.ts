import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import {
  getPublicationsQuerySchema,
  publicIndexQuerySchema,
  PublicationSubject,
  publicReportQuerySchema,
  publishCommandSchema,
  withdrawCommandSchema,
  type GetPublicationsQuery,
  type Publication,
  type PublicationRecord,
  type PublicIndexQuery,
  type PublicReportIndex,
  type PublicReportQuery,
  type PublishedReport,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { PublicationsService } from './publications.service';

@Controller()
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @MessagePattern(PublicationSubject.Get)
  get(@Payload(new ZodValidationPipe(getPublicationsQuerySchema)) query: GetPublicationsQuery): Promise<PublicationRecord> {
    return this.publications.get(query);
  }

  @MessagePattern(PublicationSubject.PublicIndex)
  publicIndex(@Payload(new ZodValidationPipe(publicIndexQuerySchema)) query: PublicIndexQuery): Promise<PublicReportIndex> {
    return this.publications.publicIndex(query);
  }

  @MessagePattern(PublicationSubject.PublicReport)
  publicReport(@Payload(new ZodValidationPipe(publicReportQuerySchema)) query: PublicReportQuery): Promise<PublishedReport> {
    return this.publications.publicReport(query);
  }

  @MessagePattern(PublicationSubject.Publish)
  publish(@Payload(new ZodValidationPipe(publishCommandSchema)) command: z.output<typeof publishCommandSchema>): Promise<Publication> {
    return this.publications.publish(command);
  }

  @MessagePattern(PublicationSubject.Withdraw)
  withdraw(@Payload(new ZodValidationPipe(withdrawCommandSchema)) command: z.output<typeof withdrawCommandSchema>): Promise<Publication> {
    return this.publications.withdraw(command);
  }
}
