import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.events.open(request, reply);
  }
}
