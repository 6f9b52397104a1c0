import { ApiError, type ApiFieldError } from '#shared/api';
import { commandKeys } from './command-keys';
import { commandSubmission } from './command-submission';

/** The test reads which field error went where; the screen words it (`useErrorWords`). */
const wordField = (fieldError: ApiFieldError) => fieldError.reason;

const counter = () => {
  let next = 0;
  return () => `key-${++next}`;
};

/** A send whose answers the test settles one by one. */
function deferredSend() {
  const calls: { values: unknown; key: string; settle: (outcome: unknown) => void }[] = [];
  const send = (values: unknown, key: string) =>
    new Promise<unknown>((resolve, reject) =>
      calls.push({
        values,
        key,
        settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
      }),
    );
  return { send, calls };
}

describe('commandKeys', () => {
  it('keeps the key for the same body, makes a new one for a changed body and after a success', () => {
    const keys = commandKeys(counter());
    expect(keys.keyFor({ title: 'A' })).toBe('key-1');
    expect(keys.keyFor({ title: 'A' })).toBe('key-1');
    expect(keys.keyFor({ title: 'B' })).toBe('key-2');
    keys.succeeded();
    expect(keys.keyFor({ title: 'B' })).toBe('key-3');
  });
});

describe('commandSubmission', () => {
  it('sends a double-clicked submit once', async () => {
    const { send, calls } = deferredSend();
    const submission = commandSubmission(send, { wordField, keys: commandKeys(counter()) });
    const first = submission.submit({ amount: 5 });
    const second = submission.submit({ amount: 5 });
    expect(submission.sending).toBe(true);
    await expect(second).resolves.toEqual({ kind: 'ignored' });
    calls[0].settle({ id: 'r1' });
    await expect(first).resolves.toEqual({ kind: 'stored', result: { id: 'r1' } });
    expect(calls).toHaveLength(1);
    expect(submission.sending).toBe(false);
  });

  it('resends after a failure with the same key, and the next submission after a success with a new one', async () => {
    const { send, calls } = deferredSend();
    const submission = commandSubmission(send, { wordField, keys: commandKeys(counter()) });
    const timedOut = submission.submit({ amount: 5 });
    calls[0].settle(new ApiError(504, 'OUTCOME_UNKNOWN', 'no answer in time'));
    await timedOut;
    const retried = submission.submit({ amount: 5 });
    calls[1].settle({ id: 'r1' });
    await retried;
    const next = submission.submit({ amount: 5 });
    calls[2].settle({ id: 'r2' });
    await next;
    expect(calls.map((call) => call.key)).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('puts the api field errors under the form paths, without the route wrapper', async () => {
    const refusal = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { field: 'indicator.name', reason: 'is required' },
      { field: 'indicator.targets.0.value', reason: 'must be at most 100' },
    ]);
    const submission = commandSubmission(() => Promise.reject(refusal), {
      wordField,
      fieldPrefix: 'indicator.',
    });
    await expect(submission.submit({})).resolves.toEqual({
      kind: 'refused',
      error: refusal,
      fieldErrors: { name: 'is required', 'targets.0.value': 'must be at most 100' },
    });
  });

  it('hands back a refusal that names no field, to be shown for the whole form', async () => {
    const refusal = new ApiError(409, 'CONFLICT', 'The map changed meanwhile');
    const submission = commandSubmission(() => Promise.reject(refusal), { wordField });
    await expect(submission.submit({})).resolves.toEqual({
      kind: 'refused',
      error: refusal,
      fieldErrors: {},
      refusal,
    });
  });
});

describe('commandSubmission, with what is sent besides the values', () => {
  it('makes a new key when the version an edit is based on changes, the values being the same', async () => {
    const keysSent: string[] = [];
    let basedOn = 1;
    const submission = commandSubmission(
      (_values: { entries: string[] }, key: string) => {
        keysSent.push(key);
        return Promise.reject(new ApiError(409, 'CONFLICT', 'someone saved first'));
      },
      { wordField, keys: commandKeys(counter()), sentWith: (values) => ({ ...values, basedOn }) },
    );
    await submission.submit({ entries: ['a'] });
    basedOn = 2;
    await submission.submit({ entries: ['a'] });
    expect(keysSent).toEqual(['key-1', 'key-2']);
  });

  it('takes the field errors in the words the form gives them', async () => {
    const refusal = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { field: 'map.entries.0.interest', reason: 'must be between 1 and 5' },
    ]);
    const submission = commandSubmission(() => Promise.reject(refusal), {
      wordField,
      fieldErrors: () => ({ 'entries.0.interest': 'harus antara 1 dan 5' }),
    });
    await expect(submission.submit({})).resolves.toMatchObject({
      fieldErrors: { 'entries.0.interest': 'harus antara 1 dan 5' },
    });
  });
});
