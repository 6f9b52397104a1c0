import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SessionsModule } from '../auth/sessions.module';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { PartnershipAccountsController } from './partnership-accounts.controller';
import { UserRecord, UserSchema } from './user.schema';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: UserRecord.name, schema: UserSchema }]),
    SessionsModule,
    PartnershipsModule,
  ],
  controllers: [UsersController, PartnershipAccountsController],
  providers: [UsersRepository, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
