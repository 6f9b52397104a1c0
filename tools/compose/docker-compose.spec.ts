import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
// The compose file must give each app what that app's own config schema reads, so this test (and only this test)
// reads those schemas from the apps, which tooling otherwise may not import.
import {
  assertionSigningConfigSchema,
  assertionVerifyingConfigSchema,
  mongoConfigSchema,
  natsConfigSchema,
} from '@mitra/platform';
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import { apiConfigSchema } from '../../apps/api/src/config';
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import { workerConfigSchema } from '../../apps/worker/src/config';

const workspaceRoot = path.resolve(__dirname, '../..');
const composeFile = path.join(workspaceRoot, 'docker-compose.yml');
const schemaFile = path.join(__dirname, 'compose-spec.json');

interface BuildSpec {
  context?: string;
  dockerfile?: string;
  args?: Record<string, string> | string[];
}
interface ServiceSpec {
  image?: string;
  build?: string | BuildSpec;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: unknown[];
  expose?: unknown[];
  network_mode?: string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  volumes?: unknown[];
  secrets?: Array<string | { source: string }>;
  command?: string[];
  user?: string;
  pull_policy?: string;
}
interface ComposeFile {
  name?: string;
  services: Record<string, ServiceSpec>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

const compose = parseYaml(fs.readFileSync(composeFile, 'utf8')) as ComposeFile;

function compileComposeSchema() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // compose-go registers this custom format; the schema may name it.
  ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
  return ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
}
const validateCompose = compileComposeSchema();

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `KEY: value` maps and `KEY=value` lists both mean an environment; compose passes every value as a string. */
function environmentOf(service: ServiceSpec): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value == null ? '' : String(value)]),
  );
}

function buildArgsOf(build: BuildSpec): Record<string, string> {
  const args = build.args ?? {};
  if (Array.isArray(args)) {
    return Object.fromEntries(
      args.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, String(value)]));
}

function buildOf(service: ServiceSpec): BuildSpec | undefined {
  return typeof service.build === 'string' ? { context: service.build } : service.build;
}

function dependsOn(service: ServiceSpec): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, dep]) => [name, dep.condition ?? 'service_started']),
  );
}

/** The services built from this repository, by the app their `APP` build arg names. */
const appServices = Object.fromEntries(
  Object.entries(compose.services).flatMap(([name, service]) => {
    const build = buildOf(service);
    const app = build ? buildArgsOf(build).APP : undefined;
    return app ? [[app, { name, service }] as const] : [];
  }),
);

/** Every backend app of the workspace: an app with a Node entry point. */
const backendApps = fs
  .readdirSync(path.join(workspaceRoot, 'apps'))
  .filter((app) => fs.existsSync(path.join(workspaceRoot, 'apps', app, 'src', 'main.ts')))
  .sort();

const domainServices = ['stakeholders', 'agreements', 'funding', 'monitoring'] as const;
// Every service verifies assertions (bootstrapService); the api, funding and monitoring sign through ServiceClientModule.
const serviceConfigSchema = natsConfigSchema
  .extend(mongoConfigSchema.shape)
  .extend(assertionVerifyingConfigSchema.shape);

const configSchemas: Record<string, z.ZodObject> = {
  api: apiConfigSchema.extend(assertionSigningConfigSchema.shape),
  worker: workerConfigSchema,
  ...Object.fromEntries(domainServices.map((app) => [app, serviceConfigSchema])),
  funding: serviceConfigSchema.extend(assertionSigningConfigSchema.shape),
  monitoring: serviceConfigSchema.extend(assertionSigningConfigSchema.shape),
};

/** What must be set in a container, where the defaults (127.0.0.1, the embedded stack) cannot work. */
const containerCritical: Record<string, string[]> = {
  api: ['API_HOST', 'NATS_URL', 'MONGO_URL', 'TEMPORAL_ADDRESS', 'WEB_DIST', 'SMTP_URL'],
  worker: ['NATS_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'],
  ...Object.fromEntries(domainServices.map((app) => [app, ['NATS_URL', 'MONGO_URL']])),
};

describe('docker-compose.yml', () => {
  describe('against the Compose Specification schema', () => {
    it('validates', () => {
      const valid = validateCompose(compose);
      expect(validateCompose.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('uses the Compose Specification, not a legacy `version:`', () => {
      expect(compose).not.toHaveProperty('version');
    });

    it.each([
      [
        'a port that is not a list',
        (doc: ComposeFile) => void (doc.services.api.ports = 5 as unknown as unknown[]),
      ],
      ['an unknown top-level key', (doc: ComposeFile) => void (doc.servces = {})],
      [
        'a misspelt service attribute',
        (doc: ComposeFile) => void ((doc.services.api as Record<string, unknown>).enviroment = {}),
      ],
      [
        'a restart policy that does not exist',
        (doc: ComposeFile) => void (doc.services.api.restart = 5 as unknown as string),
      ],
      [
        'a depends_on condition that does not exist',
        (doc: ComposeFile) => void (doc.services.api.depends_on = { mongo: { condition: 'service_ready' } }),
      ],
    ])('rejects a copy with %s (the validation is real)', (_, breakIt) => {
      const broken = clone(compose);
      breakIt(broken);
      expect(validateCompose(broken)).toBe(false);
    });
  });

  describe('builds', () => {
    const builds = Object.entries(compose.services).flatMap(([name, service]) => {
      const build = buildOf(service);
      return build ? [[name, build] as const] : [];
    });

    it('builds every backend app, each once, and nothing else', () => {
      expect(backendApps).toEqual(['agreements', 'api', 'funding', 'monitoring', 'stakeholders', 'worker']);
      expect(Object.keys(appServices).sort()).toEqual(backendApps);
      expect(builds).toHaveLength(backendApps.length);
      for (const [app, { name }] of Object.entries(appServices)) expect(name).toBe(app);
    });

    it.each(builds)('%s names a context and Dockerfile that exist', (_, build) => {
      const context = path.resolve(workspaceRoot, build.context ?? '.');
      expect(fs.statSync(context).isDirectory()).toBe(true);
      expect(fs.statSync(path.resolve(context, build.dockerfile ?? 'Dockerfile')).isFile()).toBe(true);
    });

    it.each(builds)('%s builds an app that exists (APP names apps/<APP>/src/main.ts)', (_, build) => {
      const app = buildArgsOf(build).APP;
      expect(app).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(fs.existsSync(path.join(workspaceRoot, 'apps', app, 'src', 'main.ts'))).toBe(true);
    });

    it('every app service restarts unless stopped', () => {
      for (const { service } of Object.values(appServices)) expect(service.restart).toBe('unless-stopped');
    });

    it('pins every image it pulls to a tag other than latest', () => {
      for (const [name, service] of Object.entries(compose.services)) {
        if (buildOf(service)) continue;
        expect({ name, image: service.image }).toEqual({
          name,
          image: expect.stringMatching(/^[^:]+:(?!latest$)[\w.-]+$/),
        });
      }
    });
  });

  describe('the Dockerfile', () => {
    const dockerfile = fs.readFileSync(path.join(workspaceRoot, 'Dockerfile'), 'utf8');
    const instructions = dockerfile
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));

    it('copies only sources that exist in the build context', () => {
      const sources = instructions
        .filter((line) => /^COPY\s/i.test(line) && !/--from=/i.test(line))
        .flatMap((line) =>
          line
            .split(/\s+/)
            .slice(1, -1)
            .filter((word) => !word.startsWith('--')),
        );
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources)
        expect({ source, exists: fs.existsSync(path.join(workspaceRoot, source)) }).toEqual({
          source,
          exists: true,
        });
    });

    it('runs the app named by APP from its sources, as the non-root node user', () => {
      expect(instructions).toContain('ARG APP');
      expect(instructions).toContain('USER node');
      expect(instructions.at(-1)).toMatch(
        /^CMD (exec )?node -r @swc-node\/register apps\/\$APP\/src\/main\.ts$/,
      );
    });

    it('puts the web UI where the api is told to find it', () => {
      const webDist = environmentOf(compose.services.api).WEB_DIST;
      expect(webDist).toBe('/app/dist/apps/web');
      expect(instructions).toContain('WORKDIR /app');
      expect(instructions).toContain('COPY --from=web /app/dist/apps/web dist/apps/web/');
    });
  });

  describe('environment', () => {
    it.each(Object.keys(configSchemas))('%s is given only variables it reads', (app) => {
      const reads = Object.keys(configSchemas[app].shape);
      const given = Object.keys(environmentOf(appServices[app].service));
      expect(given.filter((name) => !reads.includes(name))).toEqual([]);
    });

    it.each(Object.keys(configSchemas))('%s is given what a container needs', (app) => {
      const given = environmentOf(appServices[app].service);
      for (const name of containerCritical[app])
        expect({ name, set: Boolean(given[name]) }).toEqual({ name, set: true });
    });

    it.each(Object.keys(configSchemas))('%s accepts the values it is given', (app) => {
      const given = environmentOf(appServices[app].service);
      expect(() => configSchemas[app].parse(given)).not.toThrow();
    });

    it('points every app at the compose services', () => {
      for (const app of Object.keys(configSchemas)) {
        const config = configSchemas[app].parse(environmentOf(appServices[app].service)) as Record<
          string,
          unknown
        >;
        expect(config.NATS_URL).toBe('tls://nats:4222');
        if ('MONGO_URL' in config)
          expect(config.MONGO_URL).toBe(
            'mongodb://mitra:${MITRA_MONGO_PASSWORD:?set MITRA_MONGO_PASSWORD}@mongo:27017/?replicaSet=rs0&authSource=admin',
          );
        if ('TEMPORAL_ADDRESS' in config) {
          expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
          expect(config.TEMPORAL_NAMESPACE).toBe('default');
        }
      }
    });

    it('has the api listen on all interfaces of its container', () => {
      expect(apiConfigSchema.parse(environmentOf(compose.services.api)).API_HOST).toBe('0.0.0.0');
    });

    it('runs MongoDB as the replica set rs0 that MONGO_URL names', () => {
      expect(compose.services.mongo.image).toBe('mongo:7');
      expect(JSON.stringify(compose.services.mongo)).toContain('--replSet');
      expect(JSON.stringify(compose.services.mongo.healthcheck?.test)).toContain("_id: 'rs0'");
    });
  });

  describe('actor-assertion keys', () => {
    const secretsOf = (service: ServiceSpec) =>
      (service.secrets ?? []).map((secret) => (typeof secret === 'string' ? secret : secret.source));
    const declared = (compose.secrets ?? {}) as Record<string, { file?: string }>;
    const senders = ['api', 'worker', 'funding', 'monitoring'];
    // Whom each sender calls, as the NATS permissions let it (libs/stack nats-access.ts).
    const called: Record<string, string[]> = {
      api: [...domainServices],
      worker: ['agreements'],
      funding: ['stakeholders', 'monitoring'],
      monitoring: ['stakeholders'],
    };

    it('gives each app its own private key, as a secret, and no other', () => {
      for (const app of [...domainServices, 'api', 'worker']) {
        const { service } = appServices[app];
        expect(environmentOf(service).ASSERTION_KEY_FILE).toBe(`/run/secrets/assertion-${app}-key`);
        expect(secretsOf(service).filter((secret) => secret.endsWith('-key'))).toEqual([
          `assertion-${app}-key`,
        ]);
      }
    });

    it('gives each sender the public keys of the services it calls, and each service those of all senders', () => {
      for (const sender of senders) {
        const { service } = appServices[sender];
        expect(environmentOf(service).ASSERTION_RECEIVER_KEY_FILES.split(',')).toEqual(
          called[sender].map((receiver) => `${receiver}=/run/secrets/assertion-${receiver}-pub`),
        );
        expect(secretsOf(service)).toEqual(
          expect.arrayContaining(called[sender].map((receiver) => `assertion-${receiver}-pub`)),
        );
      }
      const senderKeys = senders.map((sender) => `assertion-${sender}-pub`);
      for (const app of domainServices) {
        const { service } = appServices[app];
        expect(environmentOf(service).ASSERTION_SENDER_KEY_FILES.split(',')).toEqual(
          senderKeys.map((key) => `/run/secrets/${key}`),
        );
        expect(secretsOf(service)).toEqual(expect.arrayContaining(senderKeys));
      }
    });

    it('declares each secret it uses as a file under secrets/assertion', () => {
      for (const service of Object.values(compose.services))
        for (const secret of secretsOf(service))
          expect({ secret, file: declared[secret]?.file }).toEqual({
            secret,
            file: expect.stringMatching(/^\.\/secrets\/assertion\/[a-z]+\.(key|pub)$/),
          });
    });
  });

  describe('network exposure', () => {
    it("publishes only the api on 3000 and the Temporal UI on 8233 of the host's loopback", () => {
      const published = Object.fromEntries(
        Object.entries(compose.services)
          .filter(([, service]) => service.ports?.length)
          .map(([name, service]) => [name, service.ports]),
      );
      expect(published).toEqual({ api: ['3000:3000'], 'temporal-ui': ['127.0.0.1:8233:8080'] });
    });

    it('publishes the api on the port it listens on', () => {
      const config = apiConfigSchema.parse(environmentOf(compose.services.api));
      expect(compose.services.api.ports).toEqual([`3000:${config.API_PORT}`]);
    });

    it('shares no host network', () => {
      for (const service of Object.values(compose.services)) expect(service.network_mode).toBeUndefined();
    });
  });

  describe('hardening', () => {
    const { nats, mongo } = compose.services;
    const volumesOf = (service: ServiceSpec) => (service.volumes ?? []).map(String);

    it('runs NATS from the config nats-credentials generates, after it has run', () => {
      expect(nats.command).toEqual(['--config', '/etc/nats/nats.conf']);
      expect(volumesOf(nats)).toContain('nats-config:/etc/nats:ro');
      expect(dependsOn(nats)).toEqual({ 'nats-credentials': 'service_completed_successfully' });
      const init = compose.services['nats-credentials'];
      expect(init.command?.slice(-2)).toEqual(['libs/stack/src/compose-nats-secrets.ts', '/secrets']);
      expect(fs.existsSync(path.join(workspaceRoot, 'libs/stack/src/compose-nats-secrets.ts'))).toBe(true);
      expect(dependsOn(init)).toEqual({ 'tls-init': 'service_completed_successfully' });
    });

    it("runs nats-credentials in the api's image, never pulled", () => {
      const init = compose.services['nats-credentials'];
      expect(init.image).toBe(compose.services.api.image);
      expect(init.pull_policy).toBe('never');
    });

    it('creates the TLS material with the script in tools/compose', () => {
      const init = compose.services['tls-init'];
      expect(init.command).toEqual(['/bin/sh', '/init-tls.sh']);
      expect(volumesOf(init)).toContain('./tools/compose/init-tls.sh:/init-tls.sh:ro');
      expect(fs.existsSync(path.join(__dirname, 'init-tls.sh'))).toBe(true);
      expect(environmentOf(init).NATS_TLS_NAMES).toBe('DNS:nats');
    });

    it.each(backendApps)(
      '%s reaches NATS over TLS, as its own user, with only its own secrets mounted',
      (app) => {
        const { service } = appServices[app];
        const env = environmentOf(service);
        expect(env.NATS_URL).toMatch(/^tls:\/\//);
        expect(env.NATS_NKEY_SEED_FILE).toBe('/run/secrets/mitra/nats.nk');
        expect(env.NATS_TLS_CA_FILE).toBe('/run/secrets/mitra/nats-ca.crt');
        expect(volumesOf(service)).toEqual([`${app}-secrets:/run/secrets/mitra:ro`]);
        expect(volumesOf(compose.services['nats-credentials'])).toContain(`${app}-secrets:/secrets/${app}`);
      },
    );

    it('runs MongoDB with a password and the replica set keyfile, and the apps sign in', () => {
      expect(mongo.command).toEqual(expect.arrayContaining(['--keyFile', '/etc/mongo-keyfile/keyfile']));
      expect(volumesOf(mongo)).toContain('mongo-keyfile:/etc/mongo-keyfile:ro');
      expect(environmentOf(mongo).MONGO_INITDB_ROOT_PASSWORD).toMatch(/^\$\{MITRA_MONGO_PASSWORD:\?/);
      expect(JSON.stringify(mongo.healthcheck?.test)).toContain('--authenticationDatabase admin');
      for (const { service } of Object.values(appServices)) {
        const url = environmentOf(service).MONGO_URL;
        if (url)
          expect(url).toMatch(
            /^mongodb:\/\/mitra:\$\{MITRA_MONGO_PASSWORD:\?[^}]*\}@mongo:27017\/.*authSource=admin/,
          );
      }
    });

    it('keeps the Temporal UI read-only', () => {
      expect(environmentOf(compose.services['temporal-ui']).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    });

    it('sets the session cookie Secure, and the image runs with NODE_ENV=production besides', () => {
      const dockerfile = fs.readFileSync(path.join(workspaceRoot, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^ENV .*NODE_ENV=production/m);
      expect(apiConfigSchema.parse(environmentOf(compose.services.api)).SESSION_COOKIE_SECURE).toBe(true);
    });
  });

  describe('start-up order', () => {
    it('depends only on services that exist, and waits for health only where there is a healthcheck', () => {
      for (const [name, service] of Object.entries(compose.services)) {
        for (const [dependency, condition] of Object.entries(dependsOn(service))) {
          expect({ name, dependency, exists: dependency in compose.services }).toEqual({
            name,
            dependency,
            exists: true,
          });
          if (condition === 'service_healthy')
            expect({
              dependency,
              healthcheck: compose.services[dependency].healthcheck?.test !== undefined,
            }).toEqual({ dependency, healthcheck: true });
        }
      }
    });

    it('starts each app after the servers it reads', () => {
      for (const [app, { service }] of Object.entries(appServices)) {
        const reads = Object.keys(configSchemas[app].shape);
        const deps = dependsOn(service);
        expect(deps).toHaveProperty('nats');
        if (reads.includes('MONGO_URL')) expect(deps).toHaveProperty('mongo', 'service_healthy');
        if (reads.includes('TEMPORAL_ADDRESS')) expect(deps).toHaveProperty('temporal', 'service_healthy');
      }
      expect(dependsOn(compose.services.temporal)).toEqual({ postgresql: 'service_healthy' });
    });

    it('declares every named volume it mounts', () => {
      for (const service of Object.values(compose.services)) {
        for (const volume of service.volumes ?? []) {
          const source =
            typeof volume === 'string' ? volume.split(':')[0] : (volume as { source?: string }).source;
          if (source && !source.startsWith('.') && !source.startsWith('/'))
            expect(Object.keys(compose.volumes ?? {})).toContain(source);
        }
      }
    });
  });
});
