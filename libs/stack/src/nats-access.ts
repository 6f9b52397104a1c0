import * as fs from 'node:fs';
import * as path from 'node:path';
import { nkeys } from 'nats';
import {
  AgreementsContracts,
  decisionRecordedEventType,
  eventStreamName,
  eventSubject,
  inboxUpdatedEventType,
  MonitoringContracts,
  natsInboxPrefix,
  serviceNames,
  serviceQueueGroup,
  StakeholdersContracts,
  type ServiceName,
} from '@mitra/contracts';

/** One NATS user per process of the system. */
export const processNatsUsers = ['api', 'worker', ...serviceNames] as const;

/**
 * `tester` exists only in the stacks the integration tests start: the tests stand in for the api and
 * for the services (they send requests, publish events, read the stream and manage test consumers).
 */
export type NatsUser = (typeof processNatsUsers)[number] | 'tester';

/** What a user may do; any subject not allowed is refused by the server (a permissions violation). */
export interface NatsPermissions {
  publish: string[];
  /** A subject, or `subject queue` to allow subscribing only as a member of that queue group. */
  subscribe: string[];
  /** May publish to the reply subject of a request it received (once, while the request is fresh). */
  allowResponses: boolean;
}

const jetstreamApi = (operation: string) => `$JS.API.${operation}`;

/**
 * Every publisher makes sure the event stream exists at start-up (whoever starts first creates it),
 * which needs the account's JetStream info and the stream's info and create, nothing else.
 */
const ensureEventStreamAccess = [
  jetstreamApi('INFO'),
  jetstreamApi(`STREAM.INFO.${eventStreamName}`),
  jetstreamApi(`STREAM.CREATE.${eventStreamName}`),
];

/** Create, read and pull from one durable consumer of the event stream, and acknowledge its messages. */
function durableConsumerAccess(durableName: string): string[] {
  return [
    jetstreamApi(`CONSUMER.CREATE.${eventStreamName}.${durableName}`),
    jetstreamApi(`CONSUMER.CREATE.${eventStreamName}.${durableName}.>`),
    jetstreamApi(`CONSUMER.DURABLE.CREATE.${eventStreamName}.${durableName}`),
    jetstreamApi(`CONSUMER.INFO.${eventStreamName}.${durableName}`),
    jetstreamApi(`CONSUMER.MSG.NEXT.${eventStreamName}.${durableName}`),
    `$JS.ACK.${eventStreamName}.${durableName}.>`,
  ];
}

/** Request subjects of a service: every one starts with `<service>.` (see libs/contracts). */
const requestsTo = (service: ServiceName) => `${service}.>`;

/**
 * A domain service answers its own subjects in its queue group, replies, publishes its own events,
 * and sends exactly the requests listed (if any).
 */
function domainService(service: ServiceName, requests: string[] = []): NatsPermissions {
  return {
    publish: [eventSubject(`${service}.>`), ...ensureEventStreamAccess, ...requests],
    subscribe: [`${requestsTo(service)} ${serviceQueueGroup(service)}`],
    allowResponses: true,
  };
}

const api: NatsPermissions = {
  publish: [
    ...serviceNames.map(requestsTo),
    // The live notice of a lifecycle decision (apps/api partnerships.service), published on core NATS.
    eventSubject(decisionRecordedEventType),
    // The notice that the inbox projection applied an event (apps/api inbox-projector), on core NATS.
    eventSubject(inboxUpdatedEventType),
    // The inbox projection's durable consumer (apps/api inbox-projector); the JetStream client checks the account first.
    jetstreamApi('INFO'),
    ...durableConsumerAccess('inbox-projection'),
  ],
  // The live event feed of the web UI reads every event and filters it per user (apps/api live-events).
  subscribe: [eventSubject('>')],
  allowResponses: false,
};

/**
 * THE permission table of the bus: the embedded stack, the tests and docker-compose all generate the
 * server's users from it. Inbox subscriptions (`_INBOX_<public key>.>`) are added per user.
 */
export const natsPermissions: Record<NatsUser, NatsPermissions> = {
  api,
  worker: {
    publish: [
      // The lifecycle workflow amends an MoU's membership when a partner joins or leaves.
      AgreementsContracts.AmendMembership.subject,
      eventSubject('lifecycle.>'),
      ...ensureEventStreamAccess,
      // The event bridge's durable consumers, `lifecycle-bridge-<Temporal namespace>` (apps/worker event-bridge).
      // A subject wildcard matches whole tokens only and the namespace is the worker's setting, so this is
      // any consumer name: the worker is the stream's one reader, and no other user may create consumers.
      ...durableConsumerAccess('*'),
    ],
    subscribe: [],
    allowResponses: false,
  },
  stakeholders: domainService('stakeholders'),
  agreements: domainService('agreements'),
  // The funding plan is checked against the partners' registry sectors and the monitoring plan's reports
  // (apps/funding registry.client): these two reads and nothing else.
  funding: domainService('funding', [
    StakeholdersContracts.GetOrganisation.subject,
    MonitoringContracts.GetPlan.subject,
  ]),
  // An evaluation panel's groups are the sectors on the partnership's stakeholder map (apps/monitoring
  // stakeholder-map.client): this one read.
  monitoring: domainService('monitoring', [StakeholdersContracts.GetStakeholderMap.subject]),
  tester: {
    publish: [...api.publish, eventSubject('>'), jetstreamApi('>'), '$JS.ACK.>'],
    subscribe: api.subscribe,
    allowResponses: false,
  },
};

export const natsSeedFile = (credentialsDir: string, user: NatsUser) =>
  path.join(credentialsDir, `${user}.nk`);

/**
 * Gives each user an nkey seed in `credentialsDir` (0600, the folder 0700), created on first use and
 * then kept, so an installation keeps its credentials across restarts. Returns the public keys.
 */
export function ensureNatsCredentials(
  credentialsDir: string,
  users: readonly NatsUser[],
): Partial<Record<NatsUser, string>> {
  fs.mkdirSync(credentialsDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(credentialsDir, 0o700);
  return Object.fromEntries(
    users.map((user) => {
      const seedFile = natsSeedFile(credentialsDir, user);
      if (!fs.existsSync(seedFile)) {
        fs.writeFileSync(seedFile, `${new TextDecoder().decode(nkeys.createUser().getSeed())}\n`, {
          mode: 0o600,
          flag: 'wx',
        });
      }
      return [
        user,
        nkeys.fromSeed(new TextEncoder().encode(fs.readFileSync(seedFile, 'utf8').trim())).getPublicKey(),
      ];
    }),
  );
}

export interface NatsServerConfigOptions {
  host: string;
  port: number;
  storeDir: string;
  /** Public keys of the users the server admits. */
  users: Partial<Record<NatsUser, string>>;
  tls?: { certFile: string; keyFile: string };
}

/** The nats-server configuration (JSON is valid nats-server syntax): JetStream, and only the given users. */
export function natsServerConfig(options: NatsServerConfigOptions): string {
  const users = Object.entries(options.users).map(([user, publicKey]) => {
    const permissions = natsPermissions[user as NatsUser];
    return {
      nkey: publicKey,
      permissions: {
        publish: { allow: permissions.publish },
        subscribe: { allow: [...permissions.subscribe, `${natsInboxPrefix(publicKey)}.>`] },
        ...(permissions.allowResponses ? { allow_responses: true } : {}),
      },
    };
  });
  return `${JSON.stringify(
    {
      server_name: 'mitra',
      host: options.host,
      port: options.port,
      jetstream: { store_dir: options.storeDir },
      authorization: { users },
      ...(options.tls ? { tls: { cert_file: options.tls.certFile, key_file: options.tls.keyFile } } : {}),
    },
    null,
    2,
  )}\n`;
}
