// Replays many partnerships' workflow histories with the workflow code and rules in force, for an
// auditor at the command line, with a progress bar:
//   node -r @swc-node/register tools/audit/replay-partnerships.ts [--all | <partnershipId> ...] [--verify] [--json report.json]
// TEMPORAL_ADDRESS (default 127.0.0.1:7233) and TEMPORAL_NAMESPACE (default "default") name the server.
// --verify also checks each partnership's hash chain against the ledger entries and signatures the
// services store (over NATS_URL, as an auditor; the requests carry assertions made with ASSERTION_KEY_FILE,
// the worker's key, which the services trust, for the services' keys in ASSERTION_RECEIVER_KEY_FILES).
// Exits 1 when any partnership diverges or its records were tampered with, 2 on bad arguments.
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import * as fs from 'node:fs';
import { partnershipLifecycleWorkflowName, type Actor, type ChainVerification, type ReplayReport } from '@mitra/contracts';
import { assertionSigningConfigSchema, createServiceClient, loadConfig, natsConfigSchema, type ServiceClient } from '@mitra/platform';
import { fetchPartnershipHistory, lifecycleWorkflowBundle, PartnershipReplayer, readChainRecords, verifyPartnershipChain } from '@mitra/platform/temporal';

const workflowIdPrefix = 'partnership-';
/** Who the services see reading the records: an auditor, who reads every partnership and never writes. */
const commandLineAuditor: Actor = { userId: 'audit-command-line', role: 'auditor' };
const usage = 'usage: replay-partnerships.ts [--all | <partnershipId> ...] [--verify] [--json report.json]';

interface Arguments {
  all: boolean;
  ids: string[];
  verify?: true;
  json?: string;
}

export function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = { all: false, ids: [] };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--all') parsed.all = true;
    else if (argument === '--verify') parsed.verify = true;
    else if (argument === '--json') {
      parsed.json = argv[++i];
      if (!parsed.json) throw new Error('--json needs a file name');
    } else if (/^[0-9a-f]{20}$/.test(argument)) parsed.ids.push(argument);
    else throw new Error(`not a partnership id or option: ${argument}`);
  }
  if (parsed.all === parsed.ids.length > 0) throw new Error('give --all or one or more partnership ids');
  return parsed;
}

/** `[#########...........]  9/20 ` on one line, redrawn in place. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}`;
}

async function allPartnershipIds(client: Client): Promise<string[]> {
  const ids = new Set<string>();
  for await (const execution of client.workflow.list({ query: `WorkflowType = '${partnershipLifecycleWorkflowName}'` })) {
    ids.add(execution.workflowId.slice(workflowIdPrefix.length));
  }
  return [...ids].sort();
}

/** The chain check as lines under the partnership's replay line: each finding names its record. */
export function verificationLines(verification: ChainVerification): string[] {
  const { chain } = verification;
  return [
    `  chain ${verification.intact ? 'intact' : 'TAMPERED'}  ${chain.length} link(s) (${chain.links.decision} decision(s), ${chain.links.ledgerEntry} ledger entr(ies), ${chain.links.signature} signature(s)), ${chain.checkpointed} checkpointed`,
    ...verification.findings.map(
      (finding) => `  ${finding.problem} ${finding.kind} ${finding.recordId}${finding.seq ? ` (link ${finding.seq})` : ''}${finding.linkedAs ? `: holds what was linked as ${finding.linkedAs}` : ''}`,
    ),
  ];
}

async function audit(client: Client, replayer: PartnershipReplayer, services: ServiceClient | undefined, id: string): Promise<ReplayReport & { verification?: ChainVerification }> {
  const records = services ? await readChainRecords(services, commandLineAuditor, id) : undefined;
  const history = await fetchPartnershipHistory(client, id);
  const report = await replayer.replay(history);
  return records ? { ...report, verification: verifyPartnershipChain(history, records) } : report;
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  try {
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const ids = args.all ? await allPartnershipIds(client) : args.ids;
    process.stderr.write('Bundling the workflow code in force…\n');
    const workflowBundle = lifecycleWorkflowBundle();
    await workflowBundle;
    const replayer = PartnershipReplayer.start(workflowBundle);
    const services = args.verify ? createServiceClient(loadConfig(natsConfigSchema.extend(assertionSigningConfigSchema.shape))) : undefined;
    const reports: Array<ReplayReport & { verification?: ChainVerification }> = [];
    try {
      for (const [index, id] of ids.entries()) {
        process.stderr.write(`\r${progressBar(index, ids.length)} ${id}`);
        reports.push(await audit(client, replayer, services, id));
      }
    } finally {
      await replayer.close();
      await services?.onApplicationShutdown();
    }
    process.stderr.write(`\r${progressBar(ids.length, ids.length)}${' '.repeat(22)}\n`);
    for (const report of reports) {
      console.log(`${report.partnershipId}  ${report.agrees ? 'agrees' : 'DIVERGES'}  ${report.runs.length} run(s), ${report.timeline.length} decision(s)`);
      for (const divergence of report.divergences) {
        console.log(`  event ${divergence.eventId} (${divergence.kind}${divergence.actor ? ` by ${divergence.actor.userId}` : ''}): recorded ${divergence.recorded}; today ${divergence.today}`);
      }
      if (report.verification) for (const line of verificationLines(report.verification)) console.log(line);
    }
    const diverging = reports.filter((report) => !report.agrees).length;
    const tampered = reports.filter((report) => report.verification && !report.verification.intact).length;
    console.log(`\n${reports.length} partnership(s) replayed, ${diverging} diverging${args.verify ? `, ${tampered} with records tampered with` : ''}.`);
    if (args.json) fs.writeFileSync(args.json, `${JSON.stringify(reports, null, 2)}\n`);
    return diverging + tampered > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
