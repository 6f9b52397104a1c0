import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { apiDatabaseModule } from './api-database';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PartnershipAccess } from './partnership-access';
import { ReplyAccessInterceptor } from './reply-access.interceptor';
import { SessionsModule } from './sessions.module';
import { API_CONFIG, type ApiConfig } from '../config';
import { signInThrottlers } from './sign-in-throttler.guard';

/** Sign-in, sessions and the access guard that every route passes. */
@Module({
  imports: [
    apiDatabaseModule(),
    SessionsModule,
    UsersModule,
    // Only the sign-in route uses the throttler (its own guard); nothing else is limited.
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        throttlers: signInThrottlers({
          perAccount: config.SIGN_IN_ATTEMPTS_PER_MINUTE,
          perAddress: config.SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
        }),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    PartnershipAccess,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: ReplyAccessInterceptor },
  ],
  exports: [PartnershipAccess, SessionsModule, UsersModule],
})
export class AuthModule {}
