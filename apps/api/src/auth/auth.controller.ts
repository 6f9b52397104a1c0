import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentSession } from '../actor/current-actor.decorator';
import { API_CONFIG, type ApiConfig } from '../config';
import { jsonSchemaOf } from '../openapi/json-schema';
import { signInSchema, type SignedIn, type SignInInput } from '../users/user-contracts';
import { Access, everyone, Public } from './access-policy';
import { AuthService } from './auth.service';
import {
  sessionCookieAlwaysSecure,
  sessionCookieName,
  sessionCookieOptions,
  sessionTokenOf,
} from './session-cookie';
import { SignInThrottlerGuard } from './sign-in-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly alwaysSecureCookie: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.alwaysSecureCookie = sessionCookieAlwaysSecure(config);
  }

  @Post('sign-in')
  @Public()
  @UseGuards(SignInThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in: sets the httpOnly session cookie and answers the user with the CSRF token that every write must send as X-CSRF-Token',
    description:
      'A wrong password and an unknown email get the same 401; more than 5 attempts a minute for one email from one address, or than 30 from one address whatever the email, get 429 with Retry-After.',
  })
  @ApiBody({ schema: jsonSchemaOf(signInSchema) })
  async signIn(
    @Body(new ZodValidationPipe(signInSchema)) input: SignInInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedIn> {
    const { token, ...signedIn } = await this.auth.signIn(input, sessionTokenOf(request));
    reply.setCookie(sessionCookieName, token, sessionCookieOptions(request, this.alwaysSecureCookie));
    return signedIn;
  }

  @Get('me')
  @Access({ roles: everyone })
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token of the session' })
  me(@CurrentSession() signedIn: SignedIn): SignedIn {
    return signedIn;
  }

  @Post('sign-out')
  @Access({ roles: everyone })
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session ends and its cookie is cleared' })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.signOut(sessionTokenOf(request));
    reply.clearCookie(sessionCookieName, sessionCookieOptions(request, this.alwaysSecureCookie));
  }
}
