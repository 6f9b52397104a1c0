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

  it('gives each signer its own private key and each service every public key in the folder', () => {
    ensureInstallationKeys(dir, ['tests']);
    // A key being retired stays trusted while it is still in the folder.
    fs.copyFileSync(path.join(dir, 'api.pub'), path.join(dir, 'api.previous.pub'));
    const publicKeys = ['api.previous.pub', 'api.pub', 'funding.pub', 'tests.pub', 'worker.pub']
      .map((file) => path.join(dir, file))
      .join(',');
    expect(assertionKeyEnv(dir, 'api')).toEqual({ ASSERTION_SIGNING_KEY_FILE: path.join(dir, 'api.key') });
    expect(assertionKeyEnv(dir, 'worker')).toEqual({
      ASSERTION_SIGNING_KEY_FILE: path.join(dir, 'worker.key'),
    });
    expect(assertionKeyEnv(dir, 'funding')).toEqual({
      ASSERTION_SIGNING_KEY_FILE: path.join(dir, 'funding.key'),
      ASSERTION_PUBLIC_KEY_FILES: publicKeys,
    });
    expect(assertionKeyEnv(dir, 'stakeholders')).toEqual({ ASSERTION_PUBLIC_KEY_FILES: publicKeys });
  });
});
