import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_CONFIG, type ApiConfig } from '../config';
import { SessionsRepository } from './sessions.repository';

/** However active, a session ends this long after sign-in. */
const maxSessionMs = 7 * 24 * 60 * 60 * 1000;
/** Extending the idle expiry on every request would be a write per read; once a minute is enough. */
const extendEveryMs = 60 * 1000;
/** Sessions that expired without being used again are deleted this often. */
const sweepEveryMs = 60 * 60 * 1000;
/** 32 random bytes, base64url: what a token looks like; anything else is not looked up. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

const newToken = () => randomBytes(32).toString('base64url');
const digest = (value: string) => createHash('sha256').update(value).digest();
const idOf = (token: string) => digest(token).toString('hex');

export interface ActiveSession {
  userId: string;
  csrfToken: string;
}

/**
 * Compares digests, so neither the length nor the content of the expected token leaks through timing.
 * Anything but one string (no header, a repeated one) never matches.
 */
export function tokensMatch(expected: string, given: unknown): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
}

@Injectable()
export class SessionsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionsService.name);
  private readonly idleMs: number;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.idleMs = config.SESSION_IDLE_MINUTES * 60 * 1000;
  }

  onModuleInit(): void {
    const sweep = () =>
      this.sessions
        .deleteExpired(new Date())
        .catch((error: unknown) =>
          this.logger.warn(`expired sessions stay until the next sweep: ${String(error)}`),
        );
    void sweep();
    this.sweeper = setInterval(() => void sweep(), sweepEveryMs).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async start(userId: string): Promise<{ token: string; csrfToken: string }> {
    const token = newToken();
    const csrfToken = newToken();
    const now = new Date();
    await this.sessions.insert({
      _id: idOf(token),
      userId,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.idleMs),
    });
    return { token, csrfToken };
  }

  /**
   * The session a cookie names while it is alive; a malformed, unknown or expired token gives none.
   * A request moves the idle expiry forward; a check that is not the user's doing (`touch: false`) does not.
   */
  async resolve(token: unknown, touch = true): Promise<ActiveSession | undefined> {
    if (typeof token !== 'string' || !tokenPattern.test(token)) return undefined;
    const id = idOf(token);
    const session = await this.sessions.find(id);
    if (!session) return undefined;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now || session.createdAt.getTime() + maxSessionMs <= now) {
      await this.sessions.delete(id);
      return undefined;
    }
    const expiresAt = Math.min(now + this.idleMs, session.createdAt.getTime() + maxSessionMs);
    if (touch && expiresAt - session.expiresAt.getTime() >= extendEveryMs)
      await this.sessions.extend(id, new Date(expiresAt));
    return { userId: session.userId, csrfToken: session.csrfToken };
  }

  async end(token: unknown): Promise<void> {
    if (typeof token === 'string' && tokenPattern.test(token)) await this.sessions.delete(idOf(token));
  }

  endAllOf(userId: string): Promise<void> {
    return this.sessions.deleteAllOf(userId);
  }
}
