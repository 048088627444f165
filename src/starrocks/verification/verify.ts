/**
 * Runs a restore verification: reads the source and the target database with the same statements
 * and compares row counts per table and per partition (optionally a content checksum). Pure: the
 * sessions come in; nothing here writes to either server (SHOW and SELECT only).
 */
import { mapWithConcurrency } from '../../storage/concurrency';
import { readColumns, readDatabases, readFullTables, readPartitions, readRowCount } from '../reads';
import { compareReadings, sumReadings, worstVerdict } from './compare';
import type {
  PartitionComparison,
  Reading,
  TableComparison,
  TablePair,
  Verdict,
  VerificationReport,
  VerificationRequest,
  VerificationSide,
} from './types';

const DEFAULT_CONCURRENCY = 4;

/** Column types that cannot be cast to VARCHAR (aggregate states): left out of the checksum. */
const UNCASTABLE_TYPE = /^(bitmap|hll|percentile|object)\b/i;

/** A side's view of one table. */
type TableState = { kind: 'missing' } | { kind: 'error'; reason: string } | { kind: 'present'; partitions: string[] };

/** A side's view of its database: which tables it has and of what type. */
type DatabaseState = { kind: 'missing' } | { kind: 'error'; reason: string } | { kind: 'present'; tables: Map<string, string | undefined> };

function defaultDescribe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One statement-sending task; the runner keeps at most `concurrency` in flight over both sides. */
type Task = () => Promise<void>;

class Runner {
  private done = 0;
  private planned = 0;
  statements = 0;

  constructor(private readonly request: VerificationRequest) {}

  async run<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
    this.planned += tasks.length;
    return mapWithConcurrency(
      tasks,
      Math.max(1, this.request.concurrency ?? DEFAULT_CONCURRENCY),
      async (task) => {
        const result = await task();
        this.done++;
        this.request.onProgress?.(this.done, this.planned);
        return result;
      },
      this.request.signal,
    );
  }

  /** Sends one read; its failure becomes a reason, never an exception (except cancellation). */
  async read<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
    this.statements++;
    try {
      return { ok: true, value: await fn() };
    } catch (error) {
      if (this.request.signal?.aborted) throw error;
      return { ok: false, reason: (this.request.describeError ?? defaultDescribe)(error) };
    }
  }
}

async function readDatabaseState(runner: Runner, side: VerificationSide): Promise<DatabaseState> {
  const databases = await runner.read(() => readDatabases(side.session));
  if (!databases.ok) return { kind: 'error', reason: databases.reason };
  if (!databases.value.includes(side.database)) return { kind: 'missing' };
  const tables = await runner.read(() => readFullTables(side.session, side.database));
  if (!tables.ok) return { kind: 'error', reason: tables.reason };
  return { kind: 'present', tables: new Map(tables.value.map((t) => [t.name, t.type])) };
}

function isBaseTable(type: string | undefined): boolean {
  // SHOW TABLES (no FULL) gives no type; SHOW FULL TABLES says BASE TABLE for tables and VIEW for
  // views (and materialized views on some versions).
  return type === undefined || type.toUpperCase() === 'BASE TABLE';
}

/** Partitions matched by name case-insensitively, as the FE looks them up. */
function findPartition(partitions: readonly string[], name: string): string | undefined {
  return partitions.find((p) => p === name) ?? partitions.find((p) => p.toLowerCase() === name.toLowerCase());
}

/** A table whose only partition carries the table's name (on either side, AS renames included) is unpartitioned. */
function unpartitioned(state: TableState, names: readonly string[]): boolean {
  return state.kind !== 'present' || (state.partitions.length === 1 && names.includes(state.partitions[0]));
}

interface PairWork {
  pair: TablePair;
  source: TableState;
  target: TableState;
  checksumColumns?: string[];
  skippedColumns?: string[];
  checksumNote?: string;
}

async function readTableState(runner: Runner, side: VerificationSide, db: DatabaseState, table: string): Promise<TableState> {
  if (db.kind !== 'present') return db;
  if (!db.tables.has(table)) return { kind: 'missing' };
  const partitions = await runner.read(() => readPartitions(side.session, side.database, table));
  return partitions.ok
    ? { kind: 'present', partitions: partitions.value.map((p) => p.name) }
    : { kind: 'error', reason: partitions.reason };
}

async function readChecksumColumns(runner: Runner, side: VerificationSide, work: PairWork): Promise<void> {
  const columns = await runner.read(() => readColumns(side.session, side.database, work.pair.source));
  if (!columns.ok) {
    work.checksumNote = `The columns could not be read for the checksum: ${columns.reason}`;
    return;
  }
  work.checksumColumns = columns.value.filter((c) => !UNCASTABLE_TYPE.test(c.type)).map((c) => c.name);
  work.skippedColumns = columns.value.filter((c) => UNCASTABLE_TYPE.test(c.type)).map((c) => c.name);
  if (work.checksumColumns.length === 0) {
    work.checksumNote = 'No column of this table can be cast to text, so no checksum was computed.';
    work.checksumColumns = undefined;
  }
}

/** Counts one table or partition on one side; with a checksum that fails, counts again without it. */
async function countOn(
  runner: Runner,
  side: VerificationSide,
  table: string,
  partition: string | undefined,
  checksumColumns: string[] | undefined,
): Promise<Reading> {
  const query = { database: side.database, table, partition };
  if (checksumColumns !== undefined) {
    const withChecksum = await runner.read(() => readRowCount(side.session, { ...query, checksumColumns }));
    if (withChecksum.ok) return { kind: 'rows', rows: withChecksum.value.rows, checksum: withChecksum.value.checksum };
    const plain = await runner.read(() => readRowCount(side.session, query));
    return plain.ok
      ? { kind: 'rows', rows: plain.value.rows, checksumError: withChecksum.reason }
      : { kind: 'error', reason: plain.reason };
  }
  const plain = await runner.read(() => readRowCount(side.session, query));
  return plain.ok ? { kind: 'rows', rows: plain.value.rows } : { kind: 'error', reason: plain.reason };
}

function readingOf(state: TableState): Reading | undefined {
  if (state.kind === 'missing') return { kind: 'missing' };
  if (state.kind === 'error') return { kind: 'error', reason: state.reason };
  return undefined;
}

/** Schedules the counts of one pair and returns how to assemble its comparison once they ran. */
function planCounts(runner: Runner, request: VerificationRequest, work: PairWork, tasks: Task[]): () => TableComparison {
  const { pair, source, target } = work;
  const checksum = request.checksum === true;
  const columns = checksum ? work.checksumColumns : undefined;
  const names = [pair.source, pair.target];
  const base = {
    sourceTable: pair.source,
    targetTable: pair.target,
    partitionsLimited: pair.partitions !== undefined,
    checksumColumns: checksum ? work.checksumColumns : undefined,
    skippedColumns: checksum && work.skippedColumns?.length ? work.skippedColumns : undefined,
    checksumNote: checksum ? work.checksumNote : undefined,
  };
  const schedule = (side: VerificationSide, state: TableState, table: string, partition: string | undefined): (() => Reading) => {
    const known = readingOf(state);
    if (known) return () => known;
    if (partition !== undefined && state.kind === 'present' && findPartition(state.partitions, partition) === undefined) {
      return () => ({ kind: 'missing' });
    }
    const name = partition === undefined || state.kind !== 'present' ? partition : findPartition(state.partitions, partition);
    let reading: Reading = { kind: 'error', reason: 'not read' };
    tasks.push(async () => {
      reading = await countOn(runner, side, table, name, columns);
    });
    return () => reading;
  };

  const wholeTable = pair.partitions === undefined && unpartitioned(source, names) && unpartitioned(target, names);
  if (wholeTable) {
    const s = schedule(request.source, source, pair.source, undefined);
    const t = schedule(request.target, target, pair.target, undefined);
    return () => {
      const total = compareReadings(s(), t(), checksum && columns !== undefined);
      return { ...base, verdict: total.verdict, total, partitions: [] };
    };
  }
  const wanted = pair.partitions ?? unionOfPartitions(source, target);
  const readings = wanted.map((partition) => ({
    partition,
    source: schedule(request.source, source, pair.source, partition),
    target: schedule(request.target, target, pair.target, partition),
  }));
  return () => {
    const withChecksum = checksum && columns !== undefined;
    const partitions: PartitionComparison[] = readings.map((r) => ({
      partition: r.partition,
      ...compareReadings(r.source(), r.target(), withChecksum),
    }));
    const sideTotal = (state: TableState, side: 'source' | 'target'): Reading =>
      readingOf(state) ??
      sumReadings(
        partitions.map((p) => p[side]),
        withChecksum,
      );
    const total = compareReadings(sideTotal(source, 'source'), sideTotal(target, 'target'), withChecksum);
    return { ...base, verdict: worstVerdict([total.verdict, ...partitions.map((p) => p.verdict)]), total, partitions };
  };
}

/** The source's partitions in its order, then those only the target has. */
function unionOfPartitions(source: TableState, target: TableState): string[] {
  const names = source.kind === 'present' ? [...source.partitions] : [];
  for (const p of target.kind === 'present' ? target.partitions : []) {
    if (findPartition(names, p) === undefined) names.push(p);
  }
  return names;
}

/** Compares the source and the target of a restore (see `VerificationRequest`). */
export async function verifyRestore(request: VerificationRequest): Promise<VerificationReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const runner = new Runner(request);
  const notes: string[] = [];

  // 1. Both databases and their tables.
  const [sourceDb, targetDb] = await runner.run([
    () => readDatabaseState(runner, request.source),
    () => readDatabaseState(runner, request.target),
  ]);
  if (sourceDb.kind === 'error') notes.push(`The source database could not be read: ${sourceDb.reason}`);
  if (sourceDb.kind === 'missing') notes.push(`The source database ${request.source.database} does not exist on ${request.source.label}.`);
  if (targetDb.kind === 'error') notes.push(`The target database could not be read: ${targetDb.reason}`);
  if (targetDb.kind === 'missing') notes.push(`The target database ${request.target.database} does not exist on ${request.target.label}.`);

  // 2. The pairs: as asked, or every base table of the source; views are not compared.
  const sourceTypes = sourceDb.kind === 'present' ? sourceDb.tables : undefined;
  const requested = request.tables ?? [...(sourceTypes?.keys() ?? [])].map((name) => ({ source: name, target: name }));
  const pairs = requested.filter((pair) => {
    const type = sourceTypes?.get(pair.source);
    if (isBaseTable(type)) return true;
    notes.push(`${pair.source} is a ${type?.toLowerCase()}: it holds no rows of its own and is not compared.`);
    return false;
  });

  // 3. Each table's partitions on both sides, and the source's columns for the checksum.
  const work: PairWork[] = pairs.map((pair) => ({ pair, source: { kind: 'missing' }, target: { kind: 'missing' } }));
  await runner.run(
    work.flatMap((w): Task[] => [
      async () => {
        w.source = await readTableState(runner, request.source, sourceDb, w.pair.source);
        if (request.checksum && w.source.kind === 'present') await readChecksumColumns(runner, request.source, w);
      },
      async () => {
        w.target = await readTableState(runner, request.target, targetDb, w.pair.target);
      },
    ]),
  );

  // 4. The counts, all sides and partitions through one limiter.
  const tasks: Task[] = [];
  const assemble = work.map((w) => planCounts(runner, request, w, tasks));
  await runner.run(tasks);
  const tables = assemble.map((finish) => finish());

  const summary: Record<Verdict, number> = { equal: 0, differs: 0, missingOnTarget: 0, missingOnSource: 0, unreadable: 0 };
  for (const table of tables) summary[table.verdict]++;
  return {
    source: { label: request.source.label, database: request.source.database },
    target: { label: request.target.label, database: request.target.database },
    checksum: request.checksum === true,
    tables,
    verified: tables.length > 0 && tables.every((t) => t.verdict === 'equal'),
    summary,
    notes,
    startedAt,
    finishedAt: now(),
    statements: runner.statements,
  };
}
