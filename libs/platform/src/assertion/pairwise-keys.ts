import { diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';

/** A process's own X25519 key pair, named by the id of its public key (see keyIdOf). */
export interface OwnAssertionKey {
  keyId: string;
  privateKey: KeyObject;
}

/** Another process's X25519 public key, named by its id. */
export interface PeerAssertionKey {
  keyId: string;
  publicKey: KeyObject;
}

const hkdfSalt = Buffer.from('mitra-actor-assertion');

/**
 * The HMAC key that `senderKeyId` uses for messages to `receiverKeyId`: HKDF-SHA256 over their X25519 shared
 * secret, both ids in the info, the sender's first. Either end computes it (own private key, other's public
 * key), nobody else can; and the order makes the key from A to B another than the one from B to A.
 */
export function pairwiseKey(
  privateKey: KeyObject,
  peerPublicKey: KeyObject,
  senderKeyId: string,
  receiverKeyId: string,
): Buffer {
  const sharedSecret = diffieHellman({ privateKey, publicKey: peerPublicKey });
  const info = Buffer.from(`sender=${senderKeyId};receiver=${receiverKeyId}`);
  return Buffer.from(hkdfSync('sha256', sharedSecret, hkdfSalt, info, 32));
}

/**
 * A process's pairwise keys with its peers, derived once per peer and kept: an X25519 agreement costs about
 * as much as the Ed25519 signature it replaces, an HMAC a few microseconds.
 */
export class PairwiseKeys {
  private readonly sending = new Map<string, Buffer>();
  private readonly receiving = new Map<string, Buffer>();

  constructor(private readonly own: OwnAssertionKey) {}

  get keyId(): string {
    return this.own.keyId;
  }

  /** The key of this process's messages to `receiver`. */
  to(receiver: PeerAssertionKey): Buffer {
    let key = this.sending.get(receiver.keyId);
    if (!key) {
      key = pairwiseKey(this.own.privateKey, receiver.publicKey, this.own.keyId, receiver.keyId);
      this.sending.set(receiver.keyId, key);
    }
    return key;
  }

  /** The key of `sender`'s messages to this process. */
  from(sender: PeerAssertionKey): Buffer {
    let key = this.receiving.get(sender.keyId);
    if (!key) {
      key = pairwiseKey(this.own.privateKey, sender.publicKey, sender.keyId, this.own.keyId);
      this.receiving.set(sender.keyId, key);
    }
    return key;
  }
}
