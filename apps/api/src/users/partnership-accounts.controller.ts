import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access, everyone } from '../auth/access-policy';
import { PartnershipsService } from '../partnerships/partnerships.service';
import type { PartnershipAccount } from './user-contracts';
import { UsersService } from './users.service';

const partnershipIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a partnership id');

@ApiTags('partnerships')
@Controller('partnerships/:partnershipId/accounts')
export class PartnershipAccountsController {
  constructor(
    private readonly users: UsersService,
    private readonly partnerships: PartnershipsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Who acts in the partnership: its coordinators, the people of its organisations (past partners too, so old decisions keep their names) and whoever took one of its decisions; nobody of unrelated partnerships",
  })
  @Access({
    roles: everyone,
    partnership: { in: 'param', name: 'partnershipId', schema: partnershipIdSchema },
  })
  async list(@Param('partnershipId') partnershipId: string): Promise<PartnershipAccount[]> {
    return this.users.actingIn(await this.partnerships.state(partnershipId));
  }
}
