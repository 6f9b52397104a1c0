import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { healthReportSchema, type HealthReport } from '@mitra/contracts';
import { Public } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Each dependency (Temporal, NATS, the database, each service, the worker): up or down, with latency',
  })
  @ApiOkResponse({ description: 'Everything is up', schema: jsonSchemaOf(healthReportSchema) })
  @ApiServiceUnavailableResponse({
    description: 'Something is down',
    schema: jsonSchemaOf(healthReportSchema),
  })
  async report(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    void reply.status(report.status === 'up' ? 200 : 503);
    return report;
  }
}
