import { NatsRecord, type ReadPacket, type Serializer } from '@nestjs/microservices';
import { headers as natsHeaders, JSONCodec, type MsgHdrs } from 'nats';
import { assertionHeader, type AssertionSigner } from './actor-assertion';

const json = JSONCodec();

/**
 * The NATS client's serializer, signing each outgoing message: the assertion is made from the very
 * subject and payload that go on the wire, whatever code called `send`. Otherwise the wire format is
 * Nest's own (`{ pattern, data, id }` as JSON, headers beside it).
 */
export class AssertionSigningSerializer implements Serializer<ReadPacket, NatsRecord<Uint8Array, MsgHdrs>> {
  constructor(
    private readonly signer: AssertionSigner,
    /** Adds to a payload before it is signed (see ServiceClient's `PayloadEndorsement`). */
    private readonly endorse: (subject: string, payload: unknown) => unknown = (_subject, payload) => payload,
  ) {}

  serialize(packet: ReadPacket): NatsRecord<Uint8Array, MsgHdrs> {
    if (typeof packet.pattern !== 'string')
      throw new Error(`Only string subjects are signed, not ${JSON.stringify(packet.pattern)}`);
    const record =
      packet.data instanceof NatsRecord
        ? (packet.data as NatsRecord<unknown, MsgHdrs | undefined>)
        : undefined;
    const data: unknown = this.endorse(packet.pattern, record ? record.data : packet.data);
    const headers = record?.headers ?? natsHeaders();
    headers.set(assertionHeader, this.signer.assert(packet.pattern, data));
    return new NatsRecord(json.encode({ ...packet, data }), headers);
  }
}
