import type { NatsConnection } from 'nats';
import { JSONCodec } from 'nats';
import { lifecycleStageEnteredSubject, type LifecycleActivities } from '@mitra/contracts';

const json = JSONCodec();

export function createActivities(deps: { nats: NatsConnection }): LifecycleActivities {
  return {
    async publishStageEntered(event) {
      deps.nats.publish(lifecycleStageEnteredSubject, json.encode(event));
      await deps.nats.flush();
    },
  };
}
