import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsController } from './events.controller';
import { LiveEvents } from './live-events.service';

@Module({ imports: [AuthModule], controllers: [EventsController], providers: [LiveEvents] })
export class EventsModule {}
