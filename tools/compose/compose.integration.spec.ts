import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { readNatsUserSeed } from '@mitra/platform';
import { dataRoot, processNatsUsers, workspaceRoot, writeComposeNatsSecrets } from '@mitra/stack';

// docker-compose.yml as `docker compose config` loads it: compose-validate (tools/compose/validate) runs
// compose-go, the loader docker compose is built on, with the schema, interpolation, normalization and
// consistency checks on. The hardening is asserted on the project it prints, not on the raw YAML.

const validator = path.join(workspaceRoot, '.tools/bin/compose-validate');
const composeFile = path.join(workspaceRoot, 'docker-compose.yml');
// What README.md and the head of docker-compose.yml tell an operator to set, and nothing of this host's.
const operatorEnv = {
  MITRA_ADMIN_PASSWORD: 'correct horse battery',
  MITRA_MONGO_PASSWORD: 'mongo-Pass_w0rd',
  MITRA_SMTP_HOST: 'smtp.example.org',
  MITRA_SMTP_USER: 'mitra',
  MITRA_SMTP_PASSWORD: 'smtp-Pass_w0rd',
};

interface Port {
  mode?: string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol?: string;
}
interface Mount {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
}
interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string | null>;
  ports?: Port[];
  volumes?: Mount[];
  secrets?: Array<{ source: string; target: string }>;
  depends_on?: Record<string, { condition: string }>;
  network_mode?: string;
}
interface Project {
  name: string;
  services: Record<string, Service>;
  volumes: Record<string, { name: string }>;
  secrets: Record<string, { name: string; file?: string }>;
}

function validate(file: string, env: Record<string, string>) {
  const run = spawnSync(validator, ['-f', file, '--project-directory', workspaceRoot, '--format', 'json'], {
    env,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const envOf = (service: Service) => service.environment ?? {};
const mountAt = (service: Service, target: string) =>
  (service.volumes ?? []).find((mount) => mount.target === target);
/** The volume mount of `service` that holds `file`. */
const mountHolding = (service: Service, file: string) =>
  (service.volumes ?? []).find((mount) => mount.type === 'volume' && file.startsWith(`${mount.target}/`));

describe('docker-compose.yml, loaded as docker compose loads it', () => {
  const root = fs.mkdtempSync(path.join((fs.mkdirSync(dataRoot, { recursive: true }), dataRoot), 'compose-'));
  let project: Project;

  beforeAll(() => {
    // A no-op when .tools/bin/compose-validate is built from the current sources (install.sh builds it).
    execFileSync('bash', [path.join(workspaceRoot, 'tools/compose/validate/build.sh')], { stdio: 'inherit' });
    const run = validate(composeFile, operatorEnv);
    if (run.status !== 0) throw new Error(`docker-compose.yml does not validate:\n${run.stderr}`);
    project = JSON.parse(run.stdout) as Project;
  }, 300_000);

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('validation', () => {
    it('validates, without a warning, given the passwords and the SMTP server the README asks for', () => {
      const run = validate(composeFile, operatorEnv);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(project.name).toBe('mitra');
    });

    it('refuses to load without the database password, and says which variable is missing', () => {
      const withoutDatabasePassword = Object.entries(operatorEnv).filter(
        ([name]) => name !== 'MITRA_MONGO_PASSWORD',
      );
      const run = validate(composeFile, Object.fromEntries(withoutDatabasePassword));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('required variable MITRA_MONGO_PASSWORD is missing a value');
    });

    type Doc = {
      services: Record<string, Record<string, unknown>>;
      secrets: Record<string, unknown>;
      volumes: Record<string, unknown>;
    };
    it.each<[string, (doc: Doc) => void, RegExp | null]>([
      ['nothing changed (so the refusals below come from the breakage)', () => undefined, null],
      [
        'a misspelt service key',
        (doc) => {
          doc.services.api.enviroment = doc.services.api.environment;
          delete doc.services.api.environment;
        },
        /services\.api\.enviroment/,
      ],
      [
        'a secret that is not declared',
        (doc) => delete doc.secrets['assertion-api-key'],
        /refers to undefined secret assertion-api-key/,
      ],
      [
        'a volume that is not declared',
        (doc) => delete doc.volumes['api-secrets'],
        /refers to undefined volume api-secrets/,
      ],
      [
        'a port out of range',
        (doc) => void (doc.services['temporal-ui'].ports = ['127.0.0.1:8233:80800']),
        /Invalid containerPort: 80800/,
      ],
    ])('a copy with %s is judged as docker compose would', (name, breakIt, refusal) => {
      const doc = parseYaml(fs.readFileSync(composeFile, 'utf8')) as Doc;
      breakIt(doc);
      const copy = path.join(root, `${name.replace(/\W+/g, '-')}.yml`);
      fs.writeFileSync(copy, stringifyYaml(doc));
      const run = validate(copy, operatorEnv);
      if (refusal) {
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(refusal);
      } else {
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
      }
    });
  });

  describe('hardening', () => {
    it('publishes only the api on all interfaces and the Temporal UI on loopback: no database, NATS or Temporal port', () => {
      const published = Object.entries(project.services).flatMap(([name, service]) =>
        (service.ports ?? []).map((port) => ({
          name,
          host_ip: port.host_ip ?? '0.0.0.0',
          target: port.target,
          published: port.published,
        })),
      );
      expect(published).toEqual([
        { name: 'api', host_ip: '0.0.0.0', target: 3000, published: '3000' },
        { name: 'temporal-ui', host_ip: '127.0.0.1', target: 8080, published: '8233' },
      ]);
      for (const [name, service] of Object.entries(project.services))
        expect({ name, network_mode: service.network_mode }).toEqual({ name });
    });

    it('keeps the Temporal UI read-only', () => {
      expect(envOf(project.services['temporal-ui']).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    });

    it("has the api and the worker send e-mail through the operator's SMTP server, on the submission port by default", () => {
      for (const app of ['api', 'worker'] as const) {
        expect(envOf(project.services[app])).toMatchObject({
          SMTP_URL: 'smtp://mitra:smtp-Pass_w0rd@smtp.example.org:587',
          MAIL_FROM: 'Mitra <noreply@mitra.id>',
        });
      }
    });

    it('makes the session cookie Secure in production whatever NODE_ENV the image sets', () => {
      expect(envOf(project.services.api).SESSION_COOKIE_SECURE).toBe('true');
    });

    it('runs MongoDB with a password and the keyfile tls-init makes, and every app signs in to it', () => {
      const { mongo, 'tls-init': tlsInit } = project.services;
      const command = mongo.command ?? [];
      expect(command).not.toContain('--noauth');
      const keyFile = command[command.indexOf('--keyFile') + 1];
      expect(keyFile).toMatch(/^\//);
      const keyfileMount = mountHolding(mongo, keyFile);
      expect(keyfileMount).toMatchObject({ type: 'volume', read_only: true });
      expect(mountAt(tlsInit, envOf(tlsInit).MONGO_KEYFILE_DIR ?? '')?.source).toBe(keyfileMount?.source);
      expect(path.relative(keyfileMount?.target ?? '', keyFile)).toBe('keyfile');
      expect(envOf(mongo)).toMatchObject({
        MONGO_INITDB_ROOT_USERNAME: 'mitra',
        MONGO_INITDB_ROOT_PASSWORD: operatorEnv.MITRA_MONGO_PASSWORD,
      });

      const urls = Object.values(project.services).flatMap((service) =>
        envOf(service).MONGO_URL ? [new URL(envOf(service).MONGO_URL ?? '')] : [],
      );
      expect(urls).toHaveLength(5);
      for (const url of urls) {
        expect({ user: url.username, password: decodeURIComponent(url.password), host: url.host }).toEqual({
          user: 'mitra',
          password: operatorEnv.MITRA_MONGO_PASSWORD,
          host: 'mongo:27017',
        });
        expect(Object.fromEntries(url.searchParams)).toEqual({ replicaSet: 'rs0', authSource: 'admin' });
      }
    });

    describe('NATS', () => {
      // nats-credentials writes under the root its command names; the compose volumes carry the results.
      const credentials = () => project.services['nats-credentials'];
      const secretsRoot = () => credentials().command?.at(-1) ?? '';
      /** What the volume `source` holds, as nats-credentials and tls-init lay it out here under `root`. */
      const hostDirOf = (source: string | undefined) => {
        const mount = (credentials().volumes ?? []).find((m) => m.type === 'volume' && m.source === source);
        return mount ? path.join(root, path.relative(secretsRoot(), mount.target)) : undefined;
      };
      type NatsConf = {
        port: number;
        tls?: { cert_file: string; key_file: string };
        authorization?: { users: Array<Record<string, unknown>> };
      } & Record<string, unknown>;
      let natsConf: NatsConf;

      beforeAll(() => {
        // tls-init, then nats-credentials, with the environment and volumes compose gives them.
        const tlsInit = project.services['tls-init'];
        const tlsDir = hostDirOf(mountAt(tlsInit, envOf(tlsInit).TLS_DIR ?? '')?.source);
        if (!tlsDir) throw new Error("nats-credentials does not mount tls-init's TLS volume");
        execFileSync('sh', [path.join(__dirname, 'init-tls.sh')], {
          env: {
            PATH: process.env.PATH,
            TLS_DIR: tlsDir,
            NATS_TLS_NAMES: envOf(tlsInit).NATS_TLS_NAMES ?? '',
          },
        });
        writeComposeNatsSecrets(root);
        const nats = project.services.nats;
        const configFile = nats.command?.[nats.command.indexOf('--config') + 1] ?? '';
        const configMount = mountHolding(nats, configFile);
        const configDir = hostDirOf(configMount?.source);
        if (!configMount || !configDir)
          throw new Error('NATS does not read its config from a volume nats-credentials writes');
        natsConf = JSON.parse(
          fs.readFileSync(path.join(configDir, path.relative(configMount.target, configFile)), 'utf8'),
        ) as NatsConf;
      });

      it('runs NATS from the config nats-credentials writes, read-only, once it has written it', () => {
        const nats = project.services.nats;
        expect(nats.command?.[0]).toBe('--config');
        expect(mountHolding(nats, nats.command?.[1] ?? '')?.read_only).toBe(true);
        expect(nats.depends_on?.['nats-credentials']?.condition).toBe('service_completed_successfully');
        expect(credentials().depends_on?.['tls-init']?.condition).toBe('service_completed_successfully');
      });

      it('serves TLS with the certificate signed for the name the apps dial, and admits only nkey users, one per process', () => {
        const nats = project.services.nats;
        expect(natsConf.tls).toBeDefined();
        for (const file of [natsConf.tls?.cert_file ?? '', natsConf.tls?.key_file ?? '']) {
          const mount = mountHolding(nats, file);
          const onHost = hostDirOf(mount?.source);
          expect({
            file,
            there: Boolean(
              onHost && fs.existsSync(path.join(onHost, path.relative(mount?.target ?? '', file))),
            ),
          }).toEqual({ file, there: true });
        }
        expect(envOf(project.services['tls-init']).NATS_TLS_NAMES).toBe('DNS:nats');
        expect(natsConf.port).toBe(4222);
        expect(natsConf).not.toHaveProperty('no_auth_user');
        expect(natsConf).not.toHaveProperty('accounts');
        const users = natsConf.authorization?.users ?? [];
        expect(users).toHaveLength(processNatsUsers.length);
        for (const user of users) {
          expect(user.nkey).toMatch(/^U[A-Z2-7]{55}$/);
          expect(user).not.toHaveProperty('user');
          expect(user).not.toHaveProperty('password');
        }
      });

      it.each(processNatsUsers)(
        'gives %s, over tls://nats:4222, its own seed and the CA, in a volume no other app mounts',
        (app) => {
          const env = envOf(project.services[app]);
          const url = new URL(env.NATS_URL ?? '');
          expect({ protocol: url.protocol, host: url.host }).toEqual({ protocol: 'tls:', host: 'nats:4222' });

          const seedFile = env.NATS_NKEY_SEED_FILE ?? '';
          const mount = mountHolding(project.services[app], seedFile);
          expect(mount).toMatchObject({ type: 'volume', read_only: true });
          expect(mountHolding(project.services[app], env.NATS_TLS_CA_FILE ?? '')).toBe(mount);
          const sharers = Object.entries(project.services)
            .filter(([, service]) => (service.volumes ?? []).some((m) => m.source === mount?.source))
            .map(([name]) => name);
          expect(sharers.sort()).toEqual([app, 'nats-credentials'].sort());

          const onHost = hostDirOf(mount?.source) ?? '';
          expect(path.basename(onHost)).toBe(app);
          const seed = readNatsUserSeed(path.join(onHost, path.relative(mount?.target ?? '', seedFile)));
          expect((natsConf.authorization?.users ?? []).map((user) => user.nkey)).toContain(seed.publicKey);
          const ca = fs.readFileSync(
            path.join(onHost, path.relative(mount?.target ?? '', env.NATS_TLS_CA_FILE ?? '')),
            'utf8',
          );
          expect(ca).toBe(fs.readFileSync(path.join(root, 'tls', 'ca.crt'), 'utf8'));
        },
      );
    });

    describe('assertion keys', () => {
      const secretTargets = (service: Service) =>
        Object.fromEntries((service.secrets ?? []).map((secret) => [secret.target, secret.source]));
      const publicKeySecrets = () =>
        Object.keys(project.secrets)
          .filter((name) => name.endsWith('-pub'))
          .sort();

      it('gives each app its own private key as a secret, and no one else that key', () => {
        const owners = Object.entries(project.services).filter(
          ([, service]) => envOf(service).ASSERTION_KEY_FILE,
        );
        expect(owners.map(([name]) => name).sort()).toEqual([
          'agreements',
          'api',
          'funding',
          'monitoring',
          'stakeholders',
          'worker',
        ]);
        for (const [name, service] of owners) {
          expect(secretTargets(service)[envOf(service).ASSERTION_KEY_FILE ?? '']).toBe(
            `assertion-${name}-key`,
          );
          const keys = (service.secrets ?? []).filter((secret) => secret.source.endsWith('-key'));
          expect(keys.map((secret) => secret.source)).toEqual([`assertion-${name}-key`]);
        }
        for (const [name, service] of Object.entries(project.services))
          if (!envOf(service).ASSERTION_KEY_FILE)
            expect({
              name,
              keys: (service.secrets ?? []).filter((secret) => secret.source.endsWith('-key')),
            }).toEqual({ name, keys: [] });
      });

      it("gives every service that verifies the senders' public keys, and every sender its receivers', as secrets", () => {
        const verifiers = Object.entries(project.services).filter(
          ([, service]) => envOf(service).ASSERTION_SENDER_KEY_FILES,
        );
        expect(verifiers.map(([name]) => name).sort()).toEqual([
          'agreements',
          'funding',
          'monitoring',
          'stakeholders',
        ]);
        for (const [, service] of verifiers) {
          const files = (envOf(service).ASSERTION_SENDER_KEY_FILES ?? '').split(',');
          expect(files.map((file) => secretTargets(service)[file]).sort()).toEqual([
            'assertion-api-pub',
            'assertion-funding-pub',
            'assertion-monitoring-pub',
            'assertion-worker-pub',
          ]);
        }
        const senders = Object.entries(project.services).filter(
          ([, service]) => envOf(service).ASSERTION_RECEIVER_KEY_FILES,
        );
        expect(senders.map(([name]) => name).sort()).toEqual(['api', 'funding', 'monitoring', 'worker']);
        for (const [, service] of senders) {
          for (const entry of (envOf(service).ASSERTION_RECEIVER_KEY_FILES ?? '').split(',')) {
            const [receiver, file] = entry.split('=');
            expect(secretTargets(service)[file ?? '']).toBe(`assertion-${receiver}-pub`);
          }
        }
        expect(publicKeySecrets()).toEqual(
          ['agreements', 'api', 'funding', 'monitoring', 'stakeholders', 'worker'].map(
            (app) => `assertion-${app}-pub`,
          ),
        );
      });

      it('reads the secrets from exactly the files the command at the top of docker-compose.yml generates', () => {
        const command = fs
          .readFileSync(composeFile, 'utf8')
          .split('\n')
          .find((line) => line.startsWith('#') && line.includes('openssl genpkey'));
        const operatorDir = path.join(root, 'operator');
        fs.mkdirSync(operatorDir);
        execFileSync('sh', ['-c', command?.replace(/^#\s*/, '') ?? 'false'], { cwd: operatorDir });
        const generated = fs
          .readdirSync(path.join(operatorDir, 'secrets/assertion'))
          .map((file) => `secrets/assertion/${file}`);
        const named = Object.values(project.secrets).map((secret) =>
          path.relative(workspaceRoot, secret.file ?? ''),
        );
        expect(named.sort()).toEqual(generated.sort());
      });
    });

    it('names the volume tools/compose/README.md tells an operator to put their own CA in', () => {
      expect(project.volumes['nats-tls'].name).toBe('mitra_nats-tls');
      expect(fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8')).toContain('`mitra_nats-tls`');
    });
  });
});
