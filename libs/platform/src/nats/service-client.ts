import { randomUUID } from 'node:crypto';
import { DynamicModule, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import {
  connect,
  ErrorCode as NatsErrorCode,
  headers as natsHeaders,
  JSONCodec,
  NatsError,
  type MsgHdrs,
  type NatsConnection,
} from 'nats';
import {
  ErrorCode,
  isErrorBody,
  MitraError,
  type Contract,
  type ContractInput,
  type ContractReply,
} from '@mitra/contracts';
import {
  assertionHeader,
  AssertionSigningSerializer,
  assertionSigningConfigSchema,
  loadAssertionSigner,
  type AssertionSigner,
  type AssertionSigningConfig,
} from '../assertion';
import { loadConfig, natsConfigSchema } from '../config';
import { requestContext, requestIdHeader } from '../logging';
import { appMetrics } from '../metrics';
import { natsConnectionOptions, type NatsConnectionConfig } from './connection-options';
import { noMessageHeaders, type MessageHeaders } from './message-headers';

/** What `@nestjs/microservices`' NATS server expects and answers (server-nats.js, nats-record.serializer.js). */
interface NestRequestPacket {
  pattern: string;
  data: unknown;
  id: string;
}
interface NestReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}
const codec = JSONCodec<unknown>();

/**
 * What a sender adds to a payload before it is signed: the api names there the partnership in which it found the
 * actor a member (`actor.memberOf`), which the services require of coordinators and partners.
 */
export type PayloadEndorsement = (contract: Contract, input: unknown) => unknown;

export interface SendOptions {
  /** Instead of the contract's wait; for tests that make a service late on purpose. */
  timeoutMs?: number;
}

/**
 * Request/reply to the services, one contract at a time, over one nats.js connection and its shared reply
 * inbox. What went wrong decides the answer:
 * - not delivered (no service listening, NATS unreachable): SERVICE_UNAVAILABLE, nothing happened, send again;
 * - delivered but not answered within the contract's wait: OUTCOME_UNKNOWN, it may have happened; a command sent
 *   again with the same idempotency key returns the original result;
 * - an answer that does not match the contract's reply: INTERNAL, logged.
 */
export class ServiceClient implements OnApplicationShutdown {
  private readonly logger = new Logger(ServiceClient.name);
  private connecting?: Promise<NatsConnection>;
  private connected = false;
  private endorsement?: PayloadEndorsement;

  constructor(
    private readonly config: NatsConnectionConfig,
    private readonly headers: MessageHeaders = noMessageHeaders,
  ) {}

  /** Set once, by the app that vouches for its actors (the api). */
  endorseWith(endorsement: PayloadEndorsement): void {
    this.endorsement = endorsement;
  }

  /** Counted by subject and outcome, timed (`mitra_nats_requests_total`, `mitra_nats_request_duration_seconds`). */
  async send<C extends Contract>(
    contract: C,
    input: ContractInput<C>,
    options: SendOptions = {},
  ): Promise<ContractReply<C>> {
    const started = performance.now();
    const subject = contract.subject;
    try {
      const reply = await this.request(contract, input, options);
      appMetrics.natsRequests.inc({ subject, outcome: 'ok' });
      return reply;
    } catch (error) {
      appMetrics.natsRequests.inc({
        subject,
        outcome: error instanceof MitraError ? error.code : ErrorCode.Internal,
      });
      throw error;
    } finally {
      appMetrics.natsRequestDuration.observe({ subject }, (performance.now() - started) / 1000);
    }
  }

  private async request<C extends Contract>(
    contract: C,
    input: ContractInput<C>,
    options: SendOptions,
  ): Promise<ContractReply<C>> {
    const service = `The ${contract.subject.split('.')[0]} service`;
    const data: unknown = this.endorsement ? await this.endorsement(contract, input) : input;
    const connection = await this.connection(service);
    const packet: NestRequestPacket = { pattern: contract.subject, data, id: randomUUID() };
    const request = requestContext.current();
    const requestHeaders = toNatsHeaders({
      ...(await this.headers.headersFor(contract, data)),
      ...(request ? { [requestIdHeader]: request.requestId } : {}),
    });

    let reply: NestReplyPacket;
    try {
      const message = await connection.request(contract.subject, codec.encode(packet), {
        timeout: options.timeoutMs ?? contract.timeoutMs,
        ...(requestHeaders ? { headers: requestHeaders } : {}),
      });
      reply = codec.decode(message.data) as NestReplyPacket;
    } catch (error) {
      if (error instanceof NatsError && error.code === NatsErrorCode.Timeout) {
        throw MitraError.outcomeUnknown(service, contract.kind === 'command');
      }
      // NoResponders and a connection that closed under the request: it did not reach a handler.
      throw MitraError.unavailable(service);
    }
    return this.replyOf(contract, service, reply);
  }

  private replyOf<C extends Contract>(
    contract: C,
    service: string,
    reply: NestReplyPacket,
  ): ContractReply<C> {
    if (reply.err !== undefined && reply.err !== null) {
      if (isErrorBody(reply.err)) throw MitraError.fromBody(reply.err);
      // A service without a handler for the subject (an older version still running) did nothing.
      this.logger.error(`${contract.subject}: ${JSON.stringify(reply.err)}`);
      throw MitraError.unavailable(service);
    }
    const parsed = contract.reply.safeParse(reply.response);
    if (!parsed.success) {
      this.logger.error(`${contract.subject} answered outside its contract: ${parsed.error.message}`);
      throw new MitraError(ErrorCode.Internal, 'An unexpected error occurred.');
    }
    return parsed.data as ContractReply<C>;
  }

  /** Connects on first use and keeps reconnecting; while NATS is away a request is refused at once, never queued. */
  private async connection(service: string): Promise<NatsConnection> {
    this.connecting ??= this.open();
    const connection = await this.connecting.catch(() => undefined);
    if (!connection || connection.isClosed()) {
      this.connecting = undefined;
      throw MitraError.unavailable(service);
    }
    if (!this.connected) throw MitraError.unavailable(service);
    return connection;
  }

  private async open(): Promise<NatsConnection> {
    const connection = await connect(natsConnectionOptions(this.config));
    this.connected = true;
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === 'disconnect') this.connected = false;
        if (status.type === 'reconnect') this.connected = true;
      }
    })();
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.connecting?.catch(() => undefined);
    this.connecting = undefined;
    await connection?.drain().catch(() => undefined);
  }
}

/** Headers only when there are any: an empty header block still costs every message its bytes. */
function toNatsHeaders(values: Record<string, string>): MsgHdrs | undefined {
  const entries = Object.entries(values);
  if (entries.length === 0) return undefined;
  const result = natsHeaders();
  for (const [name, value] of entries) result.set(name, value);
  return result;
}

/** Every request carries the signed assertion of its actor that the receiving service verifies (`Mitra-Assertion`). */
export class AssertionHeaders implements MessageHeaders {
  constructor(private readonly signer: AssertionSigner) {}

  headersFor(contract: Contract, payload: unknown): Record<string, string> {
    return { [assertionHeader]: this.signer.assert(contract.subject, payload) };
  }
}

/** A signing service client outside a Nest application (the Temporal worker's activities, tools). */
export function createServiceClient(
  config: NatsConnectionConfig & AssertionSigningConfig,
  endorsement?: PayloadEndorsement,
): ServiceClient {
  const client = new ServiceClient(config, new AssertionHeaders(loadAssertionSigner(config)));
  if (endorsement) client.endorseWith(endorsement);
  return client;
}

/**
 * A Nest NATS client proxy whose every message carries the assertion the services verify, signed by its
 * serializer from what goes on the wire: for tests and benchmarks that speak Nest's own client.
 */
export function signingNatsClientProxy(
  config: NatsConnectionConfig & AssertionSigningConfig,
  endorse?: (subject: string, payload: unknown) => unknown,
): ClientProxy {
  const serializer = new AssertionSigningSerializer(loadAssertionSigner(config), endorse);
  return ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { ...natsConnectionOptions(config), serializer },
  });
}

@Module({})
export class ServiceClientModule {
  /** Every request carries an assertion for the service it goes to (`ASSERTION_KEY_FILE`, `ASSERTION_RECEIVER_KEY_FILES`). */
  static forRoot(): DynamicModule {
    return {
      module: ServiceClientModule,
      global: true,
      providers: [
        {
          provide: ServiceClient,
          useFactory: () =>
            createServiceClient(loadConfig(natsConfigSchema.extend(assertionSigningConfigSchema.shape))),
        },
      ],
      exports: [ServiceClient],
    };
  }
}
