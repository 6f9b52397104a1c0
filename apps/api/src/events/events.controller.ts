import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, everyone } from '../auth/access-policy';
import { LiveEvents } from './live-events.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: LiveEvents) {}

  @Get()
  @Access({ roles: everyone })
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Live updates (Server-Sent Events): `event: <domain event type>`, `data: <DomainEvent JSON>`, for the partnerships you may see',
    description:
      'A comment line `: heartbeat` keeps the connection open; the stream ends when the session does. Events are not replayed after a reconnect.',
  })
  stream(@Req() request: Request, @Res() response: Response): void {
    this.events.open(request, response);
  }
}
