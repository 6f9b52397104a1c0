import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nkeys } from 'nats';
import { natsConnectionOptions, readNatsUserSeed } from './connection-options';

describe('NATS connection options', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-seed-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const text = (seed: Uint8Array) => new TextDecoder().decode(seed);

  it("connect as the seed's user, with replies under an inbox prefix of its public key", () => {
    const user = nkeys.createUser();
    const options = natsConnectionOptions({ NATS_URL: 'nats://nats:4222', NATS_NKEY_SEED_FILE: write('user.nk', `${text(user.getSeed())}\n`) });
    expect(options).toMatchObject({ servers: 'nats://nats:4222', inboxPrefix: `_INBOX_${user.getPublicKey()}` });
    expect(options.authenticator).toBeInstanceOf(Function);
    expect(options.tls).toBeUndefined();
  });

  it('insist on TLS verified against the given CA', () => {
    expect(natsConnectionOptions({ NATS_URL: 'tls://nats:4222', NATS_TLS_CA_FILE: '/run/secrets/nats-ca.crt' }).tls).toEqual({ caFile: '/run/secrets/nats-ca.crt' });
  });

  it.each([
    ['a missing file', () => path.join(dir, 'absent.nk'), /NATS_NKEY_SEED_FILE: cannot read/],
    ['a file that holds no seed', () => write('junk.nk', 'not a seed'), /NATS_NKEY_SEED_FILE: .* does not hold an nkey seed/],
    ["an account's seed instead of a user's", () => write('account.nk', text(nkeys.createAccount().getSeed())), /NATS_NKEY_SEED_FILE: .* not a user's/],
  ])('refuse %s, naming the setting', (_case, file, message) => {
    expect(() => readNatsUserSeed(file())).toThrow(message);
  });
});
