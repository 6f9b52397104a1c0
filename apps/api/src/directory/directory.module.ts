import { Module } from '@nestjs/common';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { InboxController } from './inbox.controller';
import { PartnershipDirectory } from './partnership-directory.service';
import { PartnershipListController } from './partnership-list.controller';

/** Reads across partnerships: the user's inbox and the partnerships list. */
@Module({ imports: [PartnershipsModule], controllers: [InboxController, PartnershipListController], providers: [PartnershipDirectory] })
export class DirectoryModule {}
