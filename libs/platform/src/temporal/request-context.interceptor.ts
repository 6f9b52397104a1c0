import type { Headers } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { requestContextHeader } from '@mitra/contracts';
import { requestContext } from '../logging';

/** The current request's context as a header, beside any the call already carries. */
function withRequestContext(headers: Headers): Headers {
  const context = requestContext.current();
  if (!context) return headers;
  const { requestId, userId, role } = context;
  return {
    ...headers,
    [requestContextHeader]: defaultPayloadConverter.toPayload({ requestId, userId, role }),
  };
}

/**
 * Carries the api's request context into the workflow with every start, Update, signal and query, so the worker's
 * log lines of a decision carry the request id of the HTTP request that made it (see workflows/src/interceptors).
 */
export const requestContextClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestContext(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestContext(input.headers) }),
  signal: (input, next) => next({ ...input, headers: withRequestContext(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestContext(input.headers) }),
  query: (input, next) => next({ ...input, headers: withRequestContext(input.headers) }),
};
