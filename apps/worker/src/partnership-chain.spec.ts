import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PartnershipReplayer, verifyPartnershipChain, type PartnershipHistory } from '@mitra/platform/temporal';
import { lifecycleBundle } from '../test/workflow-bundle';

const historiesDir = path.join(__dirname, '..', 'test', 'histories');
const recordedJson = (name: string) => JSON.parse(fs.readFileSync(path.join(historiesDir, `${name}.json`), 'utf8')) as { events: Array<Record<string, unknown>> };
const asHistory = (name: string, json: object): PartnershipHistory => ({ partnershipId: name, runs: [{ runId: name, history: historyFromJSON(json) }] });

/** The recorded `duplicates` scenario with the ledger entry's announced hash rewritten in its signal events. */
function rewritten(): PartnershipHistory {
  const json = recordedJson('duplicates');
  let changed = 0;
  for (const event of json.events) {
    const attributes = event.workflowExecutionSignaledEventAttributes as { input?: { payloads?: Array<{ data: string }> } } | undefined;
    for (const payload of attributes?.input?.payloads ?? []) {
      const text = Buffer.from(payload.data, 'base64').toString('utf8');
      if (!text.includes('funding.ledger.appended')) continue;
      payload.data = Buffer.from(text.replace('a'.repeat(64), 'b'.repeat(64))).toString('base64');
      changed++;
    }
  }
  expect(changed).toBe(2);
  return asHistory('duplicates', json);
}

describe('the hash chain in recorded partnership histories', () => {
  const replayer = PartnershipReplayer.start(lifecycleBundle());
  afterAll(() => replayer.close());

  it('agrees with every head the recorded history checkpointed', async () => {
    const report = await replayer.replay(asHistory('duplicates', recordedJson('duplicates')));
    expect(report.divergences).toEqual([]);
    const verification = verifyPartnershipChain(asHistory('duplicates', recordedJson('duplicates')), [], '2026-01-01T00:00:00.000Z');
    expect(verification.chain).toMatchObject({ length: 2, checkpointed: 2, links: { decision: 1, ledgerEntry: 1, signature: 0 } });
  }, 120_000);

  it('catches a history whose announced record was rewritten, though the workflow code still replays it', async () => {
    const report = await replayer.replay(rewritten());
    expect(report.runs).toEqual([expect.objectContaining({ deterministic: true })]);
    expect(report.agrees).toBe(false);
    expect(report.divergences).toEqual([expect.objectContaining({ kind: 'chain', eventId: expect.any(Number), recorded: expect.stringContaining('after 2 link(s)') })]);

    const verification = verifyPartnershipChain(rewritten(), [], '2026-01-01T00:00:00.000Z');
    expect(verification.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ problem: 'historyAltered', kind: 'ledgerEntry', recordId: 'p-1:1', seq: 2 })]),
    );
  }, 120_000);
});
