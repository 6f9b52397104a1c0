import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { requestContext } from './request-context';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Every app's log: one JSON object per line (pino), naming the app, the Nest context and, while a request is
 * handled, its request id, partnership and actor, so one request can be followed from the api through NATS to
 * each service. `LOG_LEVEL` (default info) sets what is written.
 */
export class JsonLogger implements LoggerService {
  private readonly logger: pino.Logger;

  constructor(app: string, destination: pino.DestinationStream = pino.destination({ sync: true })) {
    this.logger = pino(
      {
        base: { app },
        level: process.env.LOG_LEVEL ?? 'info',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** A structured line of the app's own (an access line, a handled message), with the request's fields. */
  event(level: Level, message: string, fields: Record<string, unknown>): void {
    this.logger[level]({ ...requestContext.current(), ...fields }, message);
  }

  /** Nest passes the context last, and for errors a stack before it. */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = level === 'error' && rest.length === 2 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields = {
      ...requestContext.current(),
      ...(context ? { context } : {}),
      ...(stack ? { stack } : {}),
    };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else this.logger[level](fields, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
