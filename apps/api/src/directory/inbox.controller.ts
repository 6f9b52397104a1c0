import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  inboxQuerySchema,
  type Actor,
  type Inbox,
  type InboxQuery,
  type RecentPartnerships,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone } from '../auth/access-policy';
import { audiencesOf } from '../inbox-projection/projection-documents';
import { ProjectionStore } from '../inbox-projection/projection-store';

@ApiTags('partnerships')
@Controller('inbox')
export class InboxController {
  constructor(private readonly projection: ProjectionStore) {}

  @Get()
  @ApiOperation({
    summary:
      'Everything waiting for the signed-in user across their partnerships, most urgent first, a page at a time',
  })
  @Access({ roles: everyone })
  async inbox(
    @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Inbox> {
    const page = await this.projection.inboxPage(audiencesOf(actor), query.limit, query.cursor);
    const now = new Date().toISOString();
    // Time passes between the event that wrote an item and its reading.
    return {
      ...page,
      items: page.items.map((item) => ({ ...item, overdue: item.dueAt !== undefined && item.dueAt < now })),
      unavailable: [],
    };
  }

  @Get('recent')
  @ApiOperation({
    summary:
      "An auditor's landing: partnerships by their latest change, each with its last chain verification",
  })
  @Access({ roles: ['auditor', 'admin'] })
  async recent(
    @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery,
  ): Promise<RecentPartnerships> {
    return { ...(await this.projection.recentPage(query.limit, query.cursor)), unavailable: [] };
  }
}
