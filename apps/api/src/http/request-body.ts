import { HttpException, HttpStatus, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, MitraError, type ErrorBody } from '@mitra/contracts';
import { errorCodeOfStatus, type ErrorReply } from '@mitra/platform';

const bodyLimitLabel = '256kb';
export const bodyLimitBytes = 256 * 1024;

const unreadableBody = 'The request body cannot be read.';

/** The charset a Content-Type names, lower-cased; undefined when it names none. */
function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/**
 * JSON bodies as the api has always read them: UTF-8 only (415 otherwise), an empty body is `{}`,
 * malformed JSON a typed 400 naming the root. Other bodies keep Fastify's parsers (text as a string,
 * which no route accepts; an unknown type is 415).
 */
export function readJsonBodies(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      return done(new UnsupportedMediaTypeException(unreadableBody));
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(MitraError.validation([{ field: '(root)', reason: 'is not valid JSON', code: 'json.malformed' }]));
    }
  });
}

/**
 * Fastify's refusals of a body reach the exception filter as HttpExceptions of their status
 * (see Nest's `mapExternalException`): the client's, a typed 413 or 415, never a 500.
 */
export function bodyErrorOf(exception: unknown): ErrorReply | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const status = exception.getStatus();
  if (status === HttpStatus.PAYLOAD_TOO_LARGE)
    return {
      status,
      body: {
        code: ErrorCode.ValidationFailed,
        message: `The request body is larger than ${bodyLimitLabel}.`,
      },
    };
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return { status, body: { code: ErrorCode.ValidationFailed, message: unreadableBody } };
  return undefined;
}

/**
 * What Fastify answers before any route or hook runs: a path that cannot be decoded (400) or a
 * parameter over the router's length (414). Typed like every other error.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? HttpStatus.BAD_REQUEST;
  const body: ErrorBody = { code: errorCodeOfStatus(status), message: 'The request path cannot be read.' };
  void reply.code(status).send(body);
}
