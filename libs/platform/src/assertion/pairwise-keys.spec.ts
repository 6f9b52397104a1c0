import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf } from './assertion-keys';
import { PairwiseKeys, pairwiseKey } from './pairwise-keys';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

describe('pairwise assertion keys', () => {
  const api = keyPair();
  const funding = keyPair();

  it('are the same from both ends of a pair, 32 bytes', () => {
    const fromApiSide = new PairwiseKeys(api).to(funding);
    expect(new PairwiseKeys(funding).from(api)).toEqual(fromApiSide);
    expect(fromApiSide).toHaveLength(32);
  });

  it('differ by direction and by pair', () => {
    const apiToFunding = new PairwiseKeys(api).to(funding);
    expect(new PairwiseKeys(funding).to(api)).not.toEqual(apiToFunding);
    expect(new PairwiseKeys(api).to(keyPair())).not.toEqual(apiToFunding);
  });

  it('bind both key ids: the same shared secret under other ids is another key', () => {
    const other = keyPair();
    expect(pairwiseKey(api.privateKey, funding.publicKey, other.keyId, funding.keyId)).not.toEqual(
      new PairwiseKeys(api).to(funding),
    );
  });
});
