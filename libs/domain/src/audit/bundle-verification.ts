import { partnershipLifecycleWorkflowName, type AgreementVersion, type SigningKey, type VerificationReport } from '@mitra/contracts';
import { sha256Hex } from '../agreements/content-hash';
import type { Ed25519Verify } from '../agreements/signing';
import { consentsFor, verifyVersion } from '../agreements/verification';
import { agreementStateOf, bundleFormat, bundlePaths, type BundleAgreement, type BundleHistory, type BundleIndex, type BundleVersionFile } from './bundle';
import { checkManifest, manifestFileName, type BundleFile } from './evidence-manifest';

export type BundleProblemKind = 'missing' | 'altered' | 'unlisted' | 'malformed' | 'history' | 'signature' | 'report';

/** One thing wrong with a bundle, named by the file it is in. */
export interface BundleProblem {
  file: string;
  problem: BundleProblemKind;
  detail: string;
}

export interface BundleVerification {
  valid: boolean;
  partnershipId?: string;
  generatedAt?: string;
  files: number;
  runs: number;
  historyEvents: number;
  versions: number;
  signatures: number;
  problems: BundleProblem[];
}

export interface BundleVerificationOptions {
  verify: Ed25519Verify;
  /** Reads one run's history as Temporal does (the command line passes the SDK's parser); throws what is wrong. */
  parseHistory?: (history: unknown) => void;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder();
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readJson(file: BundleFile, problems: BundleProblem[]): unknown {
  try {
    return JSON.parse(decoder.decode(file.bytes));
  } catch (error) {
    problems.push({ file: file.name, problem: 'malformed', detail: `not JSON: ${message(error)}` });
    return undefined;
  }
}

function checkIntegrity(byName: Map<string, BundleFile>, files: readonly BundleFile[], index: BundleIndex | undefined, problems: BundleProblem[]): void {
  const manifest = byName.get(manifestFileName);
  if (!manifest) {
    problems.push({ file: manifestFileName, problem: 'missing', detail: 'the bundle has no SHA-256 manifest' });
    return;
  }
  const listedSize = new Map(index?.files.map((file) => [file.name, file.size]));
  for (const found of checkManifest(files, lenient.decode(manifest.bytes))) {
    if (found.problem === 'malformed') {
      problems.push({ file: manifestFileName, problem: 'malformed', detail: `line ${found.line} is not "<sha256>  <file>"` });
    } else if (found.problem === 'altered') {
      const size = byName.get(found.file)!.bytes.length;
      const listed = listedSize.get(found.file);
      const sizes = listed !== undefined && listed !== size ? `; ${size} bytes where manifest.json lists ${listed}` : '';
      problems.push({ file: found.file, problem: 'altered', detail: `its SHA-256 is not the one in the manifest${sizes}` });
    } else {
      problems.push({ file: found.file, problem: found.problem, detail: found.problem === 'missing' ? 'listed in the manifest but not in the bundle' : 'in the bundle but not in the manifest' });
    }
  }
  for (const listed of index?.files ?? []) {
    const file = byName.get(listed.name);
    if (!file) problems.push({ file: listed.name, problem: 'missing', detail: 'listed in manifest.json but not in the bundle' });
    else if ((file.bytes.length !== listed.size || sha256Hex(file.bytes) !== listed.sha256) && !problems.some((problem) => problem.file === listed.name)) {
      problems.push({ file: bundlePaths.index, problem: 'malformed', detail: `its size or SHA-256 of ${listed.name} is not the file's` });
    }
  }
}

function readIndex(byName: Map<string, BundleFile>, problems: BundleProblem[]): BundleIndex | undefined {
  const file = byName.get(bundlePaths.index);
  if (!file) {
    problems.push({ file: bundlePaths.index, problem: 'missing', detail: 'the bundle does not say what it is' });
    return undefined;
  }
  const index = readJson(file, problems);
  if (!isObject(index) || index.format !== bundleFormat || typeof index.partnershipId !== 'string' || !Array.isArray(index.files)) {
    if (index !== undefined) problems.push({ file: bundlePaths.index, problem: 'malformed', detail: `not a ${bundleFormat} index` });
    return undefined;
  }
  return index as unknown as BundleIndex;
}

const startedEvent = 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED';

/** The runs' histories: each a Temporal history of the lifecycle workflow, its events numbered 1, 2, 3, … and timed. */
function checkHistory(file: BundleFile | undefined, partnershipId: string | undefined, options: BundleVerificationOptions, problems: BundleProblem[]): { runs: number; events: number } {
  const counted = { runs: 0, events: 0 };
  if (!file) {
    problems.push({ file: bundlePaths.history, problem: 'missing', detail: 'the workflow history is not in the bundle' });
    return counted;
  }
  const history = readJson(file, problems) as Partial<BundleHistory> | undefined;
  if (history === undefined) return counted;
  const fail = (detail: string) => problems.push({ file: file.name, problem: 'history', detail });
  if (!isObject(history) || !Array.isArray(history.runs) || history.runs.length === 0) {
    fail('not a partnership history: no runs');
    return counted;
  }
  if (partnershipId !== undefined && history.partnershipId !== partnershipId) fail(`it is the history of ${String(history.partnershipId)}, not of ${partnershipId}`);
  for (const [position, run] of history.runs.entries()) {
    const name = `run ${isObject(run) && typeof run.runId === 'string' ? run.runId : position + 1}`;
    const events = isObject(run) && isObject(run.history) ? run.history.events : undefined;
    if (!Array.isArray(events) || events.length === 0) {
      fail(`${name}: no events`);
      continue;
    }
    counted.runs++;
    counted.events += events.length;
    const first = events[0] as Record<string, unknown>;
    const started = isObject(first) && isObject(first.workflowExecutionStartedEventAttributes) ? first.workflowExecutionStartedEventAttributes : undefined;
    if (!isObject(first) || first.eventType !== startedEvent || !isObject(started?.workflowType) || started.workflowType.name !== partnershipLifecycleWorkflowName) {
      fail(`${name}: does not start the ${partnershipLifecycleWorkflowName} workflow`);
    }
    for (const [at, event] of events.entries()) {
      if (!isObject(event) || String(event.eventId) !== String(at + 1)) {
        fail(`${name}: event ${at + 1} is missing or out of order`);
        break;
      }
      // Temporal writes some events (an activity's start) after later ones, with their own earlier time: times need not ascend.
      if (typeof event.eventTime !== 'string' || Number.isNaN(Date.parse(event.eventTime))) {
        fail(`${name}: event ${at + 1} has no time`);
        break;
      }
    }
    try {
      options.parseHistory?.(run.history);
    } catch (error) {
      fail(`${name}: Temporal cannot read it: ${message(error)}`);
    }
  }
  return counted;
}

function sameVerdict(offline: VerificationReport, recorded: VerificationReport): string | undefined {
  const signatures = (report: VerificationReport) =>
    JSON.stringify(report.signatures.map((check) => [check.roundNumber, check.organisationId, check.keyId, check.signedVersion, check.valid]));
  if (recorded.recomputedContentHash !== offline.recomputedContentHash) return `the report recomputed hash ${recorded.recomputedContentHash}, offline it is ${offline.recomputedContentHash}`;
  if (recorded.contentIntact !== offline.contentIntact || recorded.valid !== offline.valid) {
    return `the report says ${recorded.valid ? 'valid' : 'not valid'}, the offline check finds it ${offline.valid ? 'valid' : 'not valid'}`;
  }
  if (signatures(recorded) !== signatures(offline)) return 'the report lists other signatures, or other verdicts on them, than the offline check';
  return undefined;
}

/** Each agreement's versions: content hash recomputed, every signature checked offline against the keys in the bundle. */
function checkAgreements(byName: Map<string, BundleFile>, partnershipId: string | undefined, fallbackTime: string, options: BundleVerificationOptions, problems: BundleProblem[]) {
  const counted = { versions: 0, signatures: 0 };
  const keys = new Map<string, SigningKey>();
  for (const file of byName.values()) {
    const keyId = /^keys\/([0-9a-f]{64})\.json$/.exec(file.name)?.[1];
    if (!keyId) continue;
    const key = readJson(file, problems) as SigningKey | undefined;
    if (isObject(key) && key.keyId === keyId && typeof key.publicKey === 'string') keys.set(keyId, key);
    else if (key !== undefined) problems.push({ file: file.name, problem: 'malformed', detail: `not the signing key ${keyId}` });
  }

  const agreementIds = [...byName.keys()].flatMap((name) => /^agreements\/([^/]+)\/agreement\.json$/.exec(name)?.[1] ?? []);
  const versionNames = [...byName.keys()].flatMap((name): [string, number][] => {
    const number = /^agreements\/[^/]+\/v(\d+)\.json$/.exec(name)?.[1];
    return number ? [[name, Number(number)]] : [];
  });
  for (const [name] of versionNames) {
    const agreementId = name.split('/')[1]!;
    if (!agreementIds.includes(agreementId)) problems.push({ file: bundlePaths.agreement(agreementId), problem: 'missing', detail: `${name} has no agreement to be verified with` });
  }
  for (const agreementId of agreementIds) {
    const agreementFile = byName.get(bundlePaths.agreement(agreementId))!;
    const agreement = readJson(agreementFile, problems) as BundleAgreement | undefined;
    if (agreement === undefined) continue;
    if (!isObject(agreement) || agreement.id !== agreementId || !Array.isArray(agreement.rounds)) {
      problems.push({ file: agreementFile.name, problem: 'malformed', detail: `not agreement ${agreementId}` });
      continue;
    }
    if (partnershipId !== undefined && agreement.partnershipId !== partnershipId) {
      problems.push({ file: agreementFile.name, problem: 'malformed', detail: `it belongs to partnership ${agreement.partnershipId}, not ${partnershipId}` });
    }
    const versionFiles = new Map<number, { file: BundleFile; content: BundleVersionFile }>();
    for (const [name, number] of versionNames) {
      if (!name.startsWith(`agreements/${agreementId}/`)) continue;
      const file = byName.get(name)!;
      const content = readJson(file, problems) as BundleVersionFile | undefined;
      if (isObject(content) && isObject(content.version) && content.version.number === number && content.version.agreementId === agreementId && Array.isArray(content.signatures)) {
        versionFiles.set(number, { file, content });
      } else if (content !== undefined) {
        problems.push({ file: name, problem: 'malformed', detail: `not version ${number} of agreement ${agreementId}` });
      }
    }
    const expected = new Set([...(agreement.versions ?? []).map((version) => version.number), ...agreement.rounds.map((round) => round.versionNumber)]);
    for (const number of expected) {
      if (!versionFiles.has(number)) problems.push({ file: bundlePaths.version(agreementId, number), problem: 'missing', detail: `agreement.json names version ${number}` });
    }
    const state = agreementStateOf(agreement, [...versionFiles.values()].map(({ content }) => content.version as AgreementVersion));
    for (const [number, { file, content }] of versionFiles) {
      counted.versions++;
      const reportFile = byName.get(bundlePaths.verification(agreementId, number));
      const recorded = reportFile ? (readJson(reportFile, problems) as VerificationReport | undefined) : undefined;
      let offline: VerificationReport;
      try {
        if (JSON.stringify(content.signatures) !== JSON.stringify(consentsFor(state, number))) {
          problems.push({ file: file.name, problem: 'signature', detail: "its signatures are not the ones agreement.json's signing rounds hold for it" });
        }
        offline = verifyVersion(state, number, keys, options.verify, isObject(recorded) && typeof recorded.verifiedAt === 'string' ? recorded.verifiedAt : fallbackTime);
      } catch (error) {
        problems.push({ file: file.name, problem: 'malformed', detail: `cannot be verified: ${message(error)}` });
        continue;
      }
      counted.signatures += offline.signatures.length;
      problems.push(...offline.problems.map((detail) => ({ file: file.name, problem: 'signature' as const, detail })));
      if (!reportFile) {
        problems.push({ file: bundlePaths.verification(agreementId, number), problem: 'missing', detail: `the verification report of version ${number} is not in the bundle` });
      } else if (isObject(recorded) && Array.isArray(recorded.signatures)) {
        const disagreement = sameVerdict(offline, recorded);
        if (disagreement) problems.push({ file: reportFile.name, problem: 'report', detail: disagreement });
      } else if (recorded !== undefined) {
        problems.push({ file: reportFile.name, problem: 'malformed', detail: 'not a verification report' });
      }
    }
  }
  return counted;
}

/**
 * Checks a bundle with nothing but its own files: every file against the SHA-256 manifest, the
 * workflow history's shape, and each agreement version's content hash and signatures against the
 * public keys the bundle carries (and against the verification report the server wrote).
 */
export function verifyBundle(files: readonly BundleFile[], options: BundleVerificationOptions): BundleVerification {
  const problems: BundleProblem[] = [];
  const byName = new Map(files.map((file) => [file.name, file]));
  const index = readIndex(byName, problems);
  checkIntegrity(byName, files, index, problems);
  const timeline = byName.get(bundlePaths.timeline);
  if (!timeline) problems.push({ file: bundlePaths.timeline, problem: 'missing', detail: 'the timeline is not in the bundle' });
  else if (lenient.decode(timeline.bytes.slice(0, 5)) !== '%PDF-') problems.push({ file: timeline.name, problem: 'malformed', detail: 'not a PDF' });
  for (const name of [bundlePaths.ledger, bundlePaths.indicators]) {
    if (!byName.has(name)) problems.push({ file: name, problem: 'missing', detail: 'not in the bundle' });
  }
  const history = checkHistory(byName.get(bundlePaths.history), index?.partnershipId, options, problems);
  const agreements = checkAgreements(byName, index?.partnershipId, index?.generatedAt ?? new Date(0).toISOString(), options, problems);
  // A file the manifest misses and that a check needs is one problem, not two.
  const unique = problems.filter((problem, at) => problems.findIndex((other) => other.file === problem.file && other.problem === problem.problem && (problem.problem === 'missing' || other.detail === problem.detail)) === at);
  return {
    valid: unique.length === 0,
    ...(index ? { partnershipId: index.partnershipId, generatedAt: index.generatedAt } : {}),
    files: files.length,
    runs: history.runs,
    historyEvents: history.events,
    versions: agreements.versions,
    signatures: agreements.signatures,
    problems: unique,
  };
}
