import mongoose from 'mongoose';

type Db = mongoose.mongo.Db;
type CommandStartedEvent = mongoose.mongo.CommandStartedEvent;

/** A read the code under test sent, with the plan the database gives it. */
export interface QueryPlan {
  collection: string;
  filter: unknown;
  sort?: unknown;
  /** The database's own plan: on the embedded FerretDB, SQLite's EXPLAIN QUERY PLAN rows. */
  plan: string;
  sortPushdown: boolean;
  /** The plan is SQLite's (the embedded FerretDB). */
  sqlite: boolean;
}

/**
 * A mongoose connection whose reads are recorded, so that a test can ask the database how it would
 * answer each one: a hot query that stops using an index fails the test instead of slowing down
 * production. Open it with `QueryPlanRecorder.connect(url)` and hand `connection` to the code under test.
 */
export class QueryPlanRecorder {
  private readonly sent: { db: string; command: Record<string, unknown> }[] = [];
  private recording = false;

  private constructor(readonly connection: mongoose.Connection) {
    connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
      if (this.recording)
        this.sent.push({ db: event.databaseName, command: event.command as Record<string, unknown> });
    });
  }

  static async connect(url: string, dbName: string): Promise<QueryPlanRecorder> {
    const connection = await mongoose.createConnection(url, { dbName, monitorCommands: true }).asPromise();
    return new QueryPlanRecorder(connection);
  }

  /** The plans of the reads `action` sent (finds, counts, updates and deletes by filter). */
  async plansOf(action: () => Promise<unknown>): Promise<QueryPlan[]> {
    this.sent.length = 0;
    this.recording = true;
    try {
      await action();
    } finally {
      this.recording = false;
    }
    const reads = this.sent.flatMap(({ db, command }) => readsOf(db, command));
    return Promise.all(reads.map((read) => explain(this.connection.getClient().db(read.db), read)));
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

interface Read {
  db: string;
  collection: string;
  filter: unknown;
  sort?: unknown;
  limit?: number;
}

function readsOf(db: string, command: Record<string, unknown>): Read[] {
  if (typeof command.find === 'string')
    return [
      {
        db,
        collection: command.find,
        filter: command.filter ?? {},
        sort: command.sort,
        limit: command.limit as number | undefined,
      },
    ];
  if (typeof command.findAndModify === 'string')
    return [
      { db, collection: command.findAndModify, filter: command.query ?? {}, sort: command.sort, limit: 1 },
    ];
  if (typeof command.aggregate === 'string') {
    const first = (command.pipeline as Record<string, unknown>[] | undefined)?.[0];
    return [{ db, collection: command.aggregate, filter: first?.$match ?? {} }];
  }
  if (typeof command.count === 'string')
    return [{ db, collection: command.count, filter: command.query ?? {} }];
  for (const [verb, list, key] of [
    ['update', 'updates', 'q'],
    ['delete', 'deletes', 'q'],
  ] as const) {
    if (typeof command[verb] === 'string')
      return ((command[list] as Record<string, unknown>[] | undefined) ?? []).map((statement) => ({
        db,
        collection: command[verb] as string,
        filter: statement[key] ?? {},
      }));
  }
  return [];
}

async function explain(db: Db, read: Read): Promise<QueryPlan> {
  const explained = (await db.command({
    explain: {
      find: read.collection,
      filter: read.filter,
      ...(read.sort ? { sort: read.sort } : {}),
      ...(read.limit ? { limit: read.limit } : {}),
    },
  })) as { queryPlanner?: { Plan?: string[]; winningPlan?: unknown }; sortPushdown?: boolean };
  const rows = explained.queryPlanner?.Plan;
  const plan = rows?.join('\n') ?? JSON.stringify(explained.queryPlanner?.winningPlan ?? {});
  return {
    collection: read.collection,
    filter: read.filter,
    sort: read.sort,
    plan,
    sortPushdown: explained.sortPushdown ?? false,
    sqlite: rows !== undefined,
  };
}

/**
 * Why an index does not serve a plan, or undefined when one does. Only the embedded FerretDB's
 * SQLite plans are judged (a bare SCAN reads a whole table, a TEMP B-TREE sorts what was read, a
 * sort left to FerretDB reads every match); another database's plan passes.
 */
function unindexedBecause({ plan, sort, sortPushdown, sqlite }: QueryPlan): string | undefined {
  if (!sqlite) return undefined;
  const lines = plan.split('\n');
  if (lines.some((line) => line.includes('TEMP B-TREE'))) return 'sorts what it read';
  if (sort !== undefined && !sortPushdown) return 'the sort is not served by an index';
  if (lines.some((line) => /\bSCAN\b/.test(line) && !(sortPushdown && line.includes('USING'))))
    return 'reads a whole table or index';
  return undefined;
}

/** The plans that an index does not serve, as readable lines (empty when all are served). */
export function unindexedPlans(plans: readonly QueryPlan[]): string[] {
  return plans.flatMap((queryPlan) => {
    const reason = unindexedBecause(queryPlan);
    const { collection, filter, sort, plan } = queryPlan;
    return reason
      ? [`${collection} ${JSON.stringify({ filter, sort })}: ${reason}\n  ${plan.replace(/\n/g, '\n  ')}`]
      : [];
  });
}
