import { chainRecordRefCheck } from '../audit/chain-records';
import { chainRecordRefSchema } from '../audit/chain';
import { PayloadRefused, passes } from '../common/payload-checks';
import { parseContract } from '../common/validation';
import { MitraError } from '../errors/mitra-error';
import type { RefusalParams } from '../errors/refusal';
import { checkDecision } from './decision-checks';
import { decisionKinds, decisionSchemas, type DecisionKind } from './partnership-lifecycle';

/** What the workflow made of a payload before (zod, through parseContract) and now (the zod-free checks). */
type Outcome =
  | { accepted: unknown }
  | { refused: { field?: string; reason: string; code?: string; params?: RefusalParams } };

function withZod(kind: DecisionKind, payload: unknown): Outcome {
  try {
    return { accepted: { kind, ...(parseContract(decisionSchemas[kind], payload) as object) } };
  } catch (error) {
    if (!(error instanceof MitraError)) throw error;
    const [first] = error.errors ?? [];
    // zod names a plain object by its constructor when the object comes from another realm than zod's own, as
    // jest's module registry sometimes arranges ("received Object"); within one realm it says "object".
    const reason = first
      ? `${first.field} ${first.reason}`.replace(/received Object$/, 'received object')
      : error.message;
    return {
      refused: {
        field: first?.field,
        reason,
        code: first?.code,
        ...(first?.params ? { params: first.params } : {}),
      },
    };
  }
}

function withChecks(kind: DecisionKind, payload: unknown): Outcome {
  try {
    return { accepted: checkDecision(kind, payload) };
  } catch (error) {
    if (!(error instanceof PayloadRefused)) throw error;
    return { refused: { field: error.field, reason: error.message, ...error.coded } };
  }
}

const actor = { userId: 'user-1', role: 'coordinator', organisationId: 'org-1', memberOf: 'partnership-1' };
const base = { idempotencyKey: 'key-0001', actor };
const reason = 'Alasan yang cukup panjang untuk diterima.';
const mouParty = {
  organisationId: '0123456789abcdef01234567',
  name: 'Universitas Mitra',
  sector: 'academia',
  address: 'Jl. Merdeka 1, Jakarta',
  role: 'partner',
  representative: { userId: 'rektor@univ', name: 'Rina Kurniasih', title: 'Rektor' },
  responsibilities: ['Menyediakan peneliti'],
  contributions: [{ kind: 'expertise', description: 'Pendampingan riset', amountIdr: 1_000_000 }],
};

/** A complete valid payload of every kind (optional fields filled in, so that the mutations reach them). */
const samples: Array<[DecisionKind, Record<string, unknown>]> = [
  ['approveGate', { ...base, stage: 'formation', comment: 'Lengkap.' }],
  ['returnGate', { ...base, stage: 'initiation', reason }],
  [
    'completeTask',
    {
      ...base,
      taskId: 'stakeholder-map',
      evidence: [
        { label: 'Peta pemangku kepentingan', url: 'https://example.org/peta', documentRef: 'DOC-1' },
      ],
      note: 'Selesai.',
    },
  ],
  ['answerQuestion', { ...base, questionId: 'q-1', answer: 'Ya, sudah.' }],
  ['waiveInclusiveness', { ...base, reason }],
  ['decideMaturation', { ...base, outcome: 'renew', reason }],
  ['decideMaturation', { ...base, outcome: 'transfer', newLeadOrganisationId: 'org-2', reason }],
  [
    'decideMaturation',
    {
      ...base,
      outcome: 'close',
      closureReport: { summary: 'Kemitraan selesai dengan baik dan tuntas.', documentRef: 'DOC-9' },
    },
  ],
  ['acceptTransfer', { ...base }],
  ['addPartner', { ...base, organisationId: 'org-3', role: 'partner', mouParty }],
  ['withdrawPartner', { ...base, organisationId: 'org-3', reason }],
  ['pause', { ...base, reason }],
  ['resume', { ...base, reason: 'Dilanjutkan.' }],
  ['terminate', { ...base, reason }],
];

/** Values that break, bend or fit each kind of field: types, lengths, characters, links, numbers, enum members. */
const replacements: unknown[] = [
  null,
  42,
  1.5,
  -1,
  0,
  1e16,
  NaN,
  true,
  {},
  [],
  '',
  ' ',
  'x',
  'ab',
  '  tepi  ',
  'Cafe\u0301 dengan aksen',
  'baris\nbaru',
  'tab\tdi sini',
  'nul\u0000',
  'bel\u0007',
  'del\u007F',
  'kanan \u202Ekiri',
  'isolasi \u2066',
  'rusak \uD800',
  'rusak \uDC00 juga',
  'emoji 😀 utuh',
  'a'.repeat(7),
  'a'.repeat(8),
  'a'.repeat(9),
  'a'.repeat(10),
  'a'.repeat(19),
  'a'.repeat(20),
  'a'.repeat(100),
  'a'.repeat(101),
  'a'.repeat(128),
  'a'.repeat(129),
  'a'.repeat(200),
  'a'.repeat(201),
  'a'.repeat(300),
  'a'.repeat(301),
  'a'.repeat(1001),
  'a'.repeat(2001),
  'a'.repeat(4001),
  'a'.repeat(10_001),
  `  ${'a'.repeat(200)}  `,
  'kunci tidak sah!',
  'user name',
  '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'ABCDEF0123456789abcdef01',
  'abcdef0123456789abcdef01',
  'https://example.org/a',
  ' https://example.org/spasi ',
  'http://example.org/a\tb',
  'HTTPS://EXAMPLE.ORG',
  'http:example.org',
  'https:/example.org',
  'https://',
  'ftp://example.org',
  'javascript:alert(1)',
  'data:text/html,x',
  `https://example.org/${'a'.repeat(2000)}`,
  'initiation',
  'maturation',
  'bogus',
  'renew',
  'transfer',
  'close',
  'lead',
  'admin',
  'auditor',
  'government_national',
  'funds',
  ['Satu'],
  Array.from({ length: 21 }, () => ({ label: 'Bukti' })),
  Array.from({ length: 31 }, () => 'Tanggung jawab'),
  [{ label: 'Bukti', url: 'javascript:alert(1)' }],
  [{ kind: 'funds', description: 'Dana', amountIdr: -5 }],
  { userId: 'u', role: 'partner' },
  { userId: 'u', role: 'partner', extra: true },
  { summary: 'pendek' },
];

type Json = Record<string, unknown> | unknown[];

/** Every way to change one value of the payload: each replacement, removal and an unknown field at each object. */
function* mutations(value: unknown): Generator<unknown> {
  for (const replacement of replacements) yield replacement;
  yield undefined;
  if (typeof value !== 'object' || value === null) return;
  const container = value as Json;
  if (!Array.isArray(container)) yield { ...container, unexpected: 1 };
  for (const key of Object.keys(container)) {
    for (const changed of mutations((container as Record<string, unknown>)[key])) {
      if (Array.isArray(container)) {
        const copy = [...container];
        copy[Number(key)] = changed;
        yield copy;
      } else {
        yield { ...container, [key]: changed };
      }
    }
    if (!Array.isArray(container)) {
      yield Object.fromEntries(Object.entries(container).filter(([other]) => other !== key));
    }
  }
}

describe('the zod-free decision checks of the lifecycle workflow', () => {
  it('has a sample of every decision kind', () => {
    expect(new Set(samples.map(([kind]) => kind))).toEqual(new Set(decisionKinds));
  });

  it.each(samples.map(([kind, sample], index) => [`${kind} #${index}`, kind, sample] as const))(
    'accepts and refuses %s exactly as its zod schema does, on every single change of the payload',
    (_name, kind, sample) => {
      let compared = 0;
      for (const payload of [sample, ...mutations(sample)]) {
        const expected = withZod(kind, payload);
        const actual = withChecks(kind, payload);
        // Key order and fields left undefined matter too: the decision is recorded and hashed as it is.
        expect({ payload, outcome: actual }).toStrictEqual({ payload, outcome: expected });
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        compared++;
      }
      expect(compared).toBeGreaterThan(200);
    },
  );

  it('refuses a malformed decision with the field, the reason and its code', () => {
    expect(withChecks('returnGate', { ...base, stage: 'formation', reason: 'singkat' })).toEqual({
      refused: {
        field: 'reason',
        reason: 'reason must give a reason of at least 10 characters',
        code: 'too_small',
        params: { origin: 'string', minimum: 10 },
      },
    });
    expect(withChecks('approveGate', { ...base, stage: 'formation', extra: 1 })).toEqual({
      refused: { field: 'extra', reason: 'extra is not an allowed field', code: 'not_allowed' },
    });
  });

  it("reads a service event's record reference as chainRecordRefSchema does", () => {
    const hash = 'a'.repeat(64);
    for (const data of [
      { recordId: 'r-1', recordHash: hash },
      { recordId: 'r-1', recordHash: hash, sequence: 3 },
      { recordId: '', recordHash: hash },
      { recordId: 'r'.repeat(201), recordHash: hash },
      { recordId: 'r-1', recordHash: 'A'.repeat(64) },
      { recordId: 'r-1' },
      undefined,
      'r-1',
    ]) {
      const zod = chainRecordRefSchema.safeParse(data);
      expect(passes(chainRecordRefCheck, data)).toStrictEqual(zod.success ? zod.data : undefined);
    }
  });
});
