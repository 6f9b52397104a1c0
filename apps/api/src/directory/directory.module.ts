import { Module } from '@nestjs/common';
import { InboxProjectionModule } from '../inbox-projection/inbox-projection.module';
import { InboxController } from './inbox.controller';
import { PartnershipListController } from './partnership-list.controller';

/** Reads across partnerships, from the inbox projection: the user's inbox and the partnerships list. */
@Module({ imports: [InboxProjectionModule], controllers: [InboxController, PartnershipListController] })
export class DirectoryModule {}
