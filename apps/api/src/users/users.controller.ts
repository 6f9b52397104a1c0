import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { objectIdSchema, type Actor } from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, adminOnly } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateUserInput,
  type UserAccount,
} from './user-contracts';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access(adminOnly)
  @ApiOperation({ summary: 'Every account, by email' })
  list(): Promise<UserAccount[]> {
    return this.users.list();
  }

  @Post()
  @Access(adminOnly)
  @ApiOperation({
    summary:
      'Create an account; coordinators and partners belong to an organisation of the stakeholders registry',
  })
  @ApiBody({ schema: jsonSchemaOf(createUserSchema) })
  create(
    @Body(new ZodValidationPipe(createUserSchema)) input: CreateUserInput,
    @CurrentActor() actor: Actor,
  ): Promise<UserAccount> {
    return this.users.create(input, actor);
  }

  @Patch(':id')
  @Access(adminOnly)
  @ApiOperation({ summary: 'Change an account; a new password or disabling it ends its sessions' })
  @ApiBody({ schema: jsonSchemaOf(updateUserSchema) })
  update(
    @Param('id', new ZodValidationPipe(objectIdSchema, 'id')) id: string,
    @Body(new ZodValidationPipe(updateUserSchema)) input: UpdateUserInput,
    @CurrentActor() actor: Actor,
  ): Promise<UserAccount> {
    return this.users.update(id, input, actor);
  }
}
