import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ExportsController } from './exports.controller';

@Module({ imports: [UsersModule], controllers: [ExportsController] })
export class ExportsModule {}
