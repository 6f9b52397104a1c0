import { Module } from '@nestjs/common';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { InboxEntryDocument, ListingDocument } from './projection-documents';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { UsersModule } from '../users/users.module';
import { InboxProjector, PROJECTION_CONSUMER, projectionConsumerName } from './inbox-projector.service';
import { PartnershipSourcesReader } from './partnership-sources';
import {
  inboxEntrySchema,
  listingSchema,
  projectedEventSchema,
  projectionCountSchema,
  projectionModels,
  verificationSchema,
  type ProjectedEventDocument,
  type ProjectionCountDocument,
  type VerificationDocument,
} from './projection.schemas';
import { ProjectionStore } from './projection-store';

const models = [
  { name: projectionModels.inboxEntry, schema: inboxEntrySchema },
  { name: projectionModels.listing, schema: listingSchema },
  { name: projectionModels.count, schema: projectionCountSchema },
  { name: projectionModels.projectedEvent, schema: projectedEventSchema },
  { name: projectionModels.verification, schema: verificationSchema },
];

/** The inbox and partnerships list projection, fed by the event stream (docs/architecture.md, "The inbox"). */
@Module({
  imports: [MongooseModule.forFeature(models), PartnershipsModule, UsersModule],
  providers: [
    {
      provide: ProjectionStore,
      inject: models.map((model) => getModelToken(model.name)),
      useFactory: (
        inboxEntry: Model<InboxEntryDocument>,
        listing: Model<ListingDocument>,
        count: Model<ProjectionCountDocument>,
        projectedEvent: Model<ProjectedEventDocument>,
        verification: Model<VerificationDocument>,
      ) => new ProjectionStore({ inboxEntry, listing, count, projectedEvent, verification }),
    },
    PartnershipSourcesReader,
    { provide: PROJECTION_CONSUMER, useValue: projectionConsumerName },
    InboxProjector,
  ],
  exports: [ProjectionStore],
})
export class InboxProjectionModule {}
