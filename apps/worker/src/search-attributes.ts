import { isGrpcServiceError, type Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { lifecycleSearchAttributeTypes } from '@mitra/contracts';

const { IndexedValueType } = temporal.api.enums.v1;
const alreadyExists = 6;

const indexedValueTypes = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * Registers the lifecycle's search attributes, one by one so existing ones are skipped (the
 * time-skipping test server cannot list them). The worker does it at
 * start so any Temporal deployment (start-dev, auto-setup, a test namespace) accepts the upserts.
 */
export async function ensureLifecycleSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<void> {
  for (const [name, type] of Object.entries(lifecycleSearchAttributeTypes)) {
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: { [name]: indexedValueTypes[type] } });
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === alreadyExists)) throw error;
    }
  }
}
