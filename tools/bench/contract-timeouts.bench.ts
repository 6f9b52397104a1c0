// The round trip of each class of contract (read, write, heavy) through ServiceClient against the real services,
// to size the contracts' timeouts (libs/contracts contractTimeouts; figures in docs/architecture.md).
// Not a test: `node -r @swc-node/register tools/bench/contract-timeouts.bench.ts`; see tools/bench/README.md.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AgreementsContracts,
  contractTimeouts,
  FundingContracts,
  MonitoringContracts,
  StakeholdersContracts,
  type Actor,
} from '@mitra/contracts';
import { createServiceClient } from '@mitra/platform';
import { keysDirOf } from '@mitra/stack';
import { startSystem, testCallerConfig } from '@mitra/testing';
import { run, summarize, type Operation } from './measure';

const config = z
  .object({
    BENCH_ITERATIONS: z.coerce.number().int().min(1).default(400),
    BENCH_CONCURRENCY: z.coerce.number().int().min(1).default(8),
  })
  .parse(process.env);

const admin: Actor = { userId: 'bench-admin', role: 'admin' };
const key = () => `bench-${randomUUID()}`;
const partnershipId = () => randomBytes(10).toString('hex');

async function main(): Promise<void> {
  const system = await startSystem();
  const services = createServiceClient(testCallerConfig(system.env, keysDirOf(system.dataDir)));
  try {
    const organisation = (name: string) => ({
      idempotencyKey: key(),
      actor: admin,
      organisation: {
        name: `${name} ${randomUUID().slice(0, 8)}`,
        sector: 'cso' as const,
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
      },
      acknowledgeDuplicate: true,
    });
    const city = (
      await services.send(StakeholdersContracts.CreateOrganisation, organisation('Pemerintah Kota'))
    ).id;
    const plan = {
      mechanism: 'separate' as const,
      lines: [
        {
          id: 'gizi',
          activity: 'Kelas gizi',
          amount: 10_000_000,
          year: 2026,
          sdgTargets: ['2.2'],
          responsibleOrganisationId: city,
          source: { kind: 'apbd' as const },
        },
      ],
    };
    const funded = partnershipId();
    await services.send(FundingContracts.SetPlan, {
      idempotencyKey: key(),
      actor: admin,
      partnershipId: funded,
      plan,
    });
    for (let index = 0; index < 200; index += 1)
      await services.send(StakeholdersContracts.CreateOrganisation, organisation('Yayasan Bench'));

    const classes: Record<keyof typeof contractTimeouts, Record<string, Operation>> = {
      read: {
        'funding.plan.get': () =>
          services.send(FundingContracts.GetFunding, { actor: admin, partnershipId: funded }),
        'stakeholders.organisation.get': () =>
          services.send(StakeholdersContracts.GetOrganisation, { actor: admin, id: city }),
        'monitoring.plan.get': () =>
          services.send(MonitoringContracts.GetPlan, { actor: admin, partnershipId: funded }),
        'agreements.template.list': () => services.send(AgreementsContracts.ListTemplates, { actor: admin }),
      },
      write: {
        'stakeholders.organisation.create': () =>
          services.send(StakeholdersContracts.CreateOrganisation, organisation('Yayasan Tulis')),
        'funding.plan.save': () =>
          services.send(FundingContracts.SetPlan, {
            idempotencyKey: key(),
            actor: admin,
            partnershipId: partnershipId(),
            plan,
          }),
        'monitoring.targets.choose': () =>
          services.send(MonitoringContracts.ChooseTargets, {
            idempotencyKey: key(),
            actor: admin,
            partnershipId: partnershipId(),
            targets: ['2.2'],
          }),
      },
      heavy: {
        'stakeholders.organisation.list': () =>
          services.send(StakeholdersContracts.ListOrganisations, {
            actor: admin,
            filter: { name: 'yayasan' },
          }),
        'funding.ledger.records': () =>
          services.send(FundingContracts.ListLedgerRecords, { actor: admin, partnershipId: funded }),
      },
    };

    const rows: string[][] = [
      ['class', 'contract', 'calls', 'in flight', 'p50 ms', 'p99 ms', 'max ms', 'timeout ms'],
    ];
    for (const [kind, operations] of Object.entries(classes) as [
      keyof typeof contractTimeouts,
      Record<string, Operation>,
    ][]) {
      for (const [name, operation] of Object.entries(operations)) {
        for (let warm = 0; warm < 20; warm += 1) await operation();
        for (const concurrency of [1, config.BENCH_CONCURRENCY]) {
          const summary = summarize(
            [await run(operation, { iterations: config.BENCH_ITERATIONS, concurrency })],
            concurrency,
          );
          rows.push([
            kind,
            name,
            String(summary.count),
            String(concurrency),
            summary.p50Ms.toFixed(1),
            summary.p99Ms.toFixed(1),
            summary.maxMs.toFixed(1),
            String(contractTimeouts[kind]),
          ]);
        }
      }
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
  } finally {
    await services.onApplicationShutdown();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
