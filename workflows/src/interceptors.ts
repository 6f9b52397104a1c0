import {
  defaultPayloadConverter,
  log,
  type Next,
  type SignalInput,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { requestContextHeader } from '@mitra/contracts/lifecycle-workflow';

/** The api's request context of a call (see requestContextClientInterceptor), or nothing for a call without one. */
function requestContextOf(headers: UpdateInput['headers']): Record<string, unknown> {
  const header = headers[requestContextHeader];
  if (!header) return {};
  const context = defaultPayloadConverter.fromPayload<unknown>(header);
  return context !== null && typeof context === 'object' ? (context as Record<string, unknown>) : {};
}

/**
 * Logs each decision and service event the workflow handles with the request context its caller sent, so the
 * request id of the HTTP request behind a decision is in the worker's log too. Logging is not a command: replay is
 * unchanged, and the SDK drops workflow log lines while replaying.
 */
class RequestLogInbound implements WorkflowInboundCallsInterceptor {
  // The handlers' own promises are returned untouched: awaiting them here would move the Update's completion by a
  // few microtasks against the workflow's other commands, and the recorded histories would no longer replay.
  handleUpdate(
    input: UpdateInput,
    next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>,
  ): Promise<unknown> {
    const context = { ...requestContextOf(input.headers), update: input.name, updateId: input.updateId };
    const handled = next(input);
    handled.then(
      () => log.info('decision handled', { ...context, outcome: 'ok' }),
      () => log.info('decision handled', { ...context, outcome: 'error' }),
    );
    return handled;
  }

  handleSignal(
    input: SignalInput,
    next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>,
  ): Promise<void> {
    const context = { ...requestContextOf(input.headers), signal: input.signalName };
    const handled = next(input);
    handled.then(
      () => log.info('signal handled', context),
      () => undefined,
    );
    return handled;
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new RequestLogInbound()] });
