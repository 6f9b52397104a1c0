import { Injectable } from '@nestjs/common';
import { ErrorCode, MitraError } from '@mitra/contracts';
import type { SignedIn, SignInInput } from '../users/user-contracts';
import { UsersService } from '../users/users.service';
import { SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  /** A new session for the account; the session the browser had before (if any) ends. */
  async signIn(input: SignInInput, previousToken: unknown): Promise<SignedIn & { token: string }> {
    const user = await this.users.authenticate(input.email, input.password);
    if (!user)
      throw MitraError.refused(
        ErrorCode.Unauthenticated,
        'api.wrong_credentials',
        undefined,
        'The email or password is wrong.',
      );
    await this.sessions.end(previousToken);
    const { token, csrfToken } = await this.sessions.start(user.id);
    return { token, user, csrfToken };
  }

  signOut(token: unknown): Promise<void> {
    return this.sessions.end(token);
  }
}
