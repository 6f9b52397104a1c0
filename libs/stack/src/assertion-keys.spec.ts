import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertionKeyEnv, ensureAssertionKeyPair, ensureInstallationKeys } from './assertion-keys';

describe('installation keys', () => {
  let dir: string;
  beforeEach(() => (dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-keys-')), 'keys')));
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('creates a key pair once, the private key readable by its owner only, and keeps it across starts', () => {
    const files = ensureAssertionKeyPair(dir, 'api');
    const privatePem = fs.readFileSync(files.privateKeyFile, 'utf8');
    expect(fs.statSync(files.privateKeyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(fs.readFileSync(files.publicKeyFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    ensureAssertionKeyPair(dir, 'api');
    expect(fs.readFileSync(files.privateKeyFile, 'utf8')).toBe(privatePem);
  });

  it('replaces a key of another type, as the Ed25519 keys an earlier `npm start` made', () => {
    const files = ensureAssertionKeyPair(dir, 'api');
    fs.rmSync(files.privateKeyFile);
    fs.writeFileSync(
      files.privateKeyFile,
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    ensureAssertionKeyPair(dir, 'api');
    expect(createPrivateKey(fs.readFileSync(files.privateKeyFile)).asymmetricKeyType).toBe('x25519');
  });

  it("gives each app its own key, each sender the services' public keys and each service the senders'", () => {
    ensureInstallationKeys(dir, ['tests']);
    // A key being retired stays trusted while it is still in the folder.
    fs.copyFileSync(path.join(dir, 'api.pub'), path.join(dir, 'api.previous.pub'));
    const senderKeys = [
      'api.previous.pub',
      'api.pub',
      'funding.pub',
      'monitoring.pub',
      'tests.pub',
      'worker.pub',
    ]
      .map((file) => path.join(dir, file))
      .join(',');
    const receiverKeys = ['stakeholders', 'agreements', 'funding', 'monitoring']
      .map((service) => `${service}=${path.join(dir, `${service}.pub`)}`)
      .join(',');
    expect(assertionKeyEnv(dir, 'api')).toEqual({
      ASSERTION_KEY_FILE: path.join(dir, 'api.key'),
      ASSERTION_RECEIVER_KEY_FILES: receiverKeys,
    });
    expect(assertionKeyEnv(dir, 'worker')).toEqual({
      ASSERTION_KEY_FILE: path.join(dir, 'worker.key'),
      ASSERTION_RECEIVER_KEY_FILES: receiverKeys,
    });
    expect(assertionKeyEnv(dir, 'funding')).toEqual({
      ASSERTION_KEY_FILE: path.join(dir, 'funding.key'),
      ASSERTION_RECEIVER_KEY_FILES: receiverKeys,
      ASSERTION_SENDER_KEY_FILES: senderKeys,
    });
    expect(assertionKeyEnv(dir, 'monitoring')).toEqual({
      ASSERTION_KEY_FILE: path.join(dir, 'monitoring.key'),
      ASSERTION_RECEIVER_KEY_FILES: receiverKeys,
      ASSERTION_SENDER_KEY_FILES: senderKeys,
    });
    expect(assertionKeyEnv(dir, 'stakeholders')).toEqual({
      ASSERTION_KEY_FILE: path.join(dir, 'stakeholders.key'),
      ASSERTION_SENDER_KEY_FILES: senderKeys,
    });
  });
});
