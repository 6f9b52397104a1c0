import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, Inbox } from '@mitra/contracts';
import { byUrgency, inboxItemsOf } from '@mitra/domain';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone } from '../auth/access-policy';
import { PartnershipDirectory } from './partnership-directory.service';

@ApiTags('partnerships')
@Controller('inbox')
export class InboxController {
  constructor(private readonly directory: PartnershipDirectory) {}

  @Get()
  @ApiOperation({ summary: 'Everything waiting for the signed-in user across their partnerships, most urgent first' })
  @Access({ roles: everyone })
  async inbox(@CurrentActor() actor: Actor): Promise<Inbox> {
    const unavailable = new Set<string>();
    const now = new Date().toISOString();
    const snapshots = await this.directory.snapshots(actor, await this.directory.visibleIds(actor), unavailable);
    return { items: byUrgency(snapshots.flatMap((snapshot) => inboxItemsOf(actor, snapshot, now))), unavailable: [...unavailable] };
  }
}
