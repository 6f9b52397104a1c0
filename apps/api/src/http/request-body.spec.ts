import { HttpException, NotFoundException } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { ErrorCode, MitraError } from '@mitra/contracts';
import { bodyErrorOf, bodyLimitBytes, readJsonBodies } from './request-body';

/** A Fastify that echoes the body it read and answers an error with its class and status. */
async function echoServer(): Promise<FastifyInstance> {
  const fastify = Fastify({ bodyLimit: bodyLimitBytes });
  readJsonBodies(fastify);
  fastify.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) =>
    reply.code(200).send({
      error: error instanceof MitraError ? error.toBody() : error.constructor.name,
      status: error.statusCode,
    }),
  );
  fastify.post('/', (request) => ({ body: request.body }));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return fastify;
}

let server: FastifyInstance;
beforeAll(async () => (server = await echoServer()));
afterAll(() => server.close());

const post = async (contentType: string, body: string) => {
  const { port } = server.server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return response.json() as Promise<unknown>;
};

describe('JSON request bodies', () => {
  it('reads UTF-8 JSON, with or without the charset named', async () => {
    expect(await post('application/json', '{"name":"Yayasan"}')).toEqual({
      body: { name: 'Yayasan' },
    });
    expect(await post('application/json; charset=UTF-8', '[1]')).toEqual({ body: [1] });
  });

  it('reads an empty JSON body as an empty object', async () => {
    expect(await post('application/json', '')).toEqual({ body: {} });
  });

  it('refuses malformed JSON as invalid input at the root', async () => {
    expect(await post('application/json', '{"name": ')).toEqual({
      error: {
        code: ErrorCode.ValidationFailed,
        message: 'The input is invalid.',
        errors: [{ field: '(root)', reason: 'is not valid JSON', code: 'json.malformed' }],
      },
    });
  });

  it('refuses another charset as an unsupported media type', async () => {
    expect(await post('application/json; charset=klingon', '{}')).toMatchObject({
      error: 'UnsupportedMediaTypeException',
    });
  });

  it('leaves a body over the limit to Fastify, which refuses it with 413', async () => {
    expect(
      await post('application/json', JSON.stringify({ name: 'x'.repeat(bodyLimitBytes) })),
    ).toMatchObject({ status: 413 });
  });
});

describe('the answer to a refused body', () => {
  it('names the limit for 413 and says the body cannot be read for 415, both typed as invalid input', () => {
    expect(bodyErrorOf(new HttpException('Request body is too large', 413))).toEqual({
      status: 413,
      body: { code: ErrorCode.ValidationFailed, message: 'The request body is larger than 256kb.' },
    });
    expect(bodyErrorOf(new HttpException('Unsupported Media Type', 415))).toEqual({
      status: 415,
      body: { code: ErrorCode.ValidationFailed, message: 'The request body cannot be read.' },
    });
  });

  it('leaves every other error to the filter', () => {
    expect(bodyErrorOf(new NotFoundException())).toBeUndefined();
    expect(bodyErrorOf(new Error('boom'))).toBeUndefined();
  });
});
