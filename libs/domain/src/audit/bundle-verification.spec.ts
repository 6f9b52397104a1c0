import type { SigningKey } from '@mitra/contracts';
import { createAgreement, type AgreementState } from '../agreements/agreement';
import { coordinator, fakeKey, fakeSign, fakeVerify, fields, orgIds, partnerOf } from '../agreements/agreement.fixtures';
import { openSigning, sign } from '../agreements/signing';
import { verifyVersion } from '../agreements/verification';
import { assembleBundle, bundlePaths, jsonFile, textFile, versionFileOf, type BundleAgreement } from './bundle';
import { verifyBundle, type BundleVerificationOptions } from './bundle-verification';
import { manifestFileName, type BundleFile } from './evidence-manifest';

const t0 = '2026-06-01T00:00:00.000Z';
const partnershipId = '0123456789abcdef0123';
const agreementId = '64b000000000000000000005';
const keys = {
  bappeda: fakeKey('bappeda-signer', orgIds.bappeda, 1),
  yayasan: fakeKey('yayasan-signer', orgIds.yayasan, 2),
};
const options: BundleVerificationOptions = { verify: fakeVerify };

function signedAgreement(): AgreementState {
  let state = createAgreement({ id: agreementId, kind: 'mou', partnershipId, fields: fields() }, { actor: coordinator, now: t0 });
  state = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: '2026-07-01T00:00:00.000Z' }, { actor: coordinator, now: t0 }).state;
  for (const org of ['bappeda', 'yayasan'] as const) {
    const hash = state.versions[0]!.contentHash;
    state = sign(
      state,
      { versionNumber: 1, signature: { organisationId: orgIds[org], keyId: keys[org].keyId, contentHash: hash, value: fakeSign(keys[org], hash) } },
      { actor: partnerOf(org), now: t0, key: keys[org], verify: fakeVerify },
    ).state;
  }
  return state;
}

const event = (eventId: number, eventType: string, extra: Record<string, unknown> = {}) => ({ eventId: String(eventId), eventTime: `2026-06-01T00:00:0${eventId}.000Z`, eventType, ...extra });
const started = event(1, 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', { workflowExecutionStartedEventAttributes: { workflowType: { name: 'partnershipLifecycle' } } });
const history = (events: unknown[] = [started, event(2, 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED'), event(3, 'EVENT_TYPE_WORKFLOW_TASK_STARTED')]) => ({
  partnershipId,
  workflowId: `partnership-${partnershipId}`,
  runs: [{ runId: 'run-1', history: { events } }],
});

/** The bundle's own files, before the manifests; `change` swaps some of them for a forgery. */
function contentFiles(change: Partial<Record<string, unknown>> = {}): BundleFile[] {
  const state = signedAgreement();
  const { versions, ...rest } = state;
  const agreement: BundleAgreement = { ...rest, versions: versions.map(({ content: _content, agreementId: _id, ...summary }) => summary) };
  const keyring = new Map<string, SigningKey>(Object.values(keys).map(({ raw: _raw, ...key }) => [key.keyId, key]));
  const files: Record<string, unknown> = {
    [bundlePaths.history]: history(),
    [bundlePaths.agreement(agreementId)]: agreement,
    [bundlePaths.version(agreementId, 1)]: versionFileOf(state, 1),
    [bundlePaths.verification(agreementId, 1)]: verifyVersion(state, 1, keyring, fakeVerify, t0),
    ...Object.fromEntries([...keyring.values()].map((key) => [bundlePaths.key(key.keyId), key])),
    ...change,
  };
  return [
    ...Object.entries(files)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => jsonFile(name, value)),
    textFile(bundlePaths.timeline, '%PDF-1.7\n…'),
    textFile(bundlePaths.ledger, 'sequence,kind\r\n1,plan_set\r\n'),
    textFile(bundlePaths.indicators, 'indicator_id,value\r\n'),
  ];
}

const bundle = (files = contentFiles()) => assembleBundle({ partnershipId, partnershipName: 'Kemitraan Air Bersih', generatedAt: t0, generatedBy: { userId: 'audit-1', role: 'auditor' } }, files);
const problemsOf = (files: BundleFile[], with_ = options) => verifyBundle(files, with_).problems.map(({ file, problem }) => `${problem} ${file}`);

function flipByte(files: BundleFile[], name: string, at = 0): BundleFile[] {
  return files.map((file) => {
    if (file.name !== name) return file;
    const bytes = Uint8Array.from(file.bytes);
    bytes[at] = bytes[at]! ^ 0x01;
    return { ...file, bytes };
  });
}

describe('verifying an evidence bundle offline', () => {
  it('finds a complete bundle valid: manifest, history, and every signature against the bundled keys', () => {
    const parsed: unknown[] = [];
    const verification = verifyBundle(bundle(), { ...options, parseHistory: (run) => parsed.push(run) });

    expect(verification).toMatchObject({ valid: true, problems: [], partnershipId, generatedAt: t0, runs: 1, historyEvents: 3, versions: 1, signatures: 2 });
    expect(parsed).toEqual([history().runs[0]!.history]);
  });

  it('names the file in which one byte changed, whichever file it is', () => {
    const files = bundle();
    for (const { name, bytes } of files.filter((file) => file.name !== manifestFileName)) {
      expect(problemsOf(flipByte(files, name, Math.floor(bytes.length / 2)))).toContain(`altered ${name}`);
    }
  });

  it('fails when one byte of the manifest itself changes', () => {
    const files = bundle();
    const manifest = files.find((file) => file.name === manifestFileName)!;
    for (const at of [0, 63, 64, 66, manifest.bytes.length - 2]) {
      expect(verifyBundle(flipByte(files, manifestFileName, at), options).valid).toBe(false);
    }
  });

  it('names missing and extra files', () => {
    const files = bundle();
    const problems = problemsOf([...files.filter((file) => file.name !== bundlePaths.ledger), textFile('extra.txt', 'tambahan')]);
    expect(problems).toEqual(['missing ledger.csv', 'unlisted extra.txt']);
    expect(problemsOf(files.filter((file) => file.name !== manifestFileName))).toEqual(['missing manifest.sha256']);
  });

  it('fails a signature whose bundled public key is another, even with a manifest made to match', () => {
    const forged = { ...keys.yayasan, raw: undefined, publicKey: keys.bappeda.publicKey };
    const problems = verifyBundle(bundle(contentFiles({ [bundlePaths.key(keys.yayasan.keyId)]: forged })), options).problems;

    expect(problems).toEqual([
      expect.objectContaining({ file: bundlePaths.version(agreementId, 1), problem: 'signature', detail: expect.stringContaining(`Signature of ${orgIds.yayasan}`) }),
      expect.objectContaining({ file: bundlePaths.version(agreementId, 1), problem: 'signature', detail: expect.stringContaining('does not verify') }),
      { file: bundlePaths.verification(agreementId, 1), problem: 'report', detail: 'the report says valid, the offline check finds it not valid' },
    ]);
  });

  it('fails a version whose content was changed, and a signer whose key is not in the bundle', () => {
    const state = signedAgreement();
    const version = state.versions[0]!;
    const changed = { ...versionFileOf(state, 1), version: { ...version, content: { ...version.content, fields: { ...version.content.fields, durationMonths: 13 } } } };
    const problems = problemsOf(bundle(contentFiles({ [bundlePaths.version(agreementId, 1)]: changed, [bundlePaths.key(keys.bappeda.keyId)]: undefined })));

    expect(new Set(problems)).toEqual(new Set([`signature ${bundlePaths.version(agreementId, 1)}`, `report ${bundlePaths.verification(agreementId, 1)}`]));
    const details = verifyBundle(bundle(contentFiles({ [bundlePaths.key(keys.bappeda.keyId)]: undefined })), options).problems.map((problem) => problem.detail);
    expect(details).toContain(`Signature of ${orgIds.bappeda} (round 1, version 1): key ${keys.bappeda.keyId} is not enrolled.`);
  });

  it('fails a version file whose signatures are not the rounds’ or whose report or agreement is missing', () => {
    const state = signedAgreement();
    const fewer = { ...versionFileOf(state, 1), signatures: versionFileOf(state, 1).signatures.slice(1) };
    expect(problemsOf(bundle(contentFiles({ [bundlePaths.version(agreementId, 1)]: fewer })))).toEqual([`signature ${bundlePaths.version(agreementId, 1)}`]);
    expect(problemsOf(bundle(contentFiles({ [bundlePaths.verification(agreementId, 1)]: undefined })))).toEqual([`missing ${bundlePaths.verification(agreementId, 1)}`]);
    expect(problemsOf(bundle(contentFiles({ [bundlePaths.version(agreementId, 1)]: undefined })))).toEqual([`missing ${bundlePaths.version(agreementId, 1)}`]);
    expect(problemsOf(bundle(contentFiles({ [bundlePaths.agreement(agreementId)]: undefined })))).toEqual([`missing ${bundlePaths.agreement(agreementId)}`]);
  });

  it('fails a history that is not the lifecycle workflow’s, skips an event, or that Temporal cannot read', () => {
    const detailsOf = (value: unknown, with_ = options) => verifyBundle(bundle(contentFiles({ [bundlePaths.history]: value })), with_).problems.map((problem) => `${problem.file}: ${problem.detail}`);

    expect(detailsOf(history([{ ...started, workflowExecutionStartedEventAttributes: { workflowType: { name: 'other' } } }]))).toEqual(['history.json: run run-1: does not start the partnershipLifecycle workflow']);
    expect(detailsOf(history([started, event(3, 'EVENT_TYPE_WORKFLOW_TASK_STARTED')]))).toEqual(['history.json: run run-1: event 2 is missing or out of order']);
    expect(detailsOf({ ...history(), partnershipId: 'another' })).toEqual([`history.json: it is the history of another, not of ${partnershipId}`]);
    expect(detailsOf({ runs: [] })).toEqual(['history.json: not a partnership history: no runs']);
    const refusing = { ...options, parseHistory: () => { throw new Error('unknown event type'); } };
    expect(detailsOf(history(), refusing)).toEqual(['history.json: run run-1: Temporal cannot read it: unknown event type']);
  });

  it('reports unreadable JSON and a timeline that is not a PDF as malformed', () => {
    const files = bundle([...contentFiles().filter((file) => file.name !== bundlePaths.timeline && file.name !== bundlePaths.history), textFile(bundlePaths.history, '{"runs": ['), textFile(bundlePaths.timeline, 'bukan pdf')]);
    expect(problemsOf(files)).toEqual(['malformed timeline.pdf', 'malformed history.json']);
  });
});
