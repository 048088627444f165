/**
 * The benchmarks `npm run bench` runs, each written by the part of the project it measures as a
 * function + CLI; here only how to call it (full or `--quick`) and which of its ratios go into the
 * summary table.
 */
import { runJobTrackerBench, type JobTrackerBenchResult } from '../jobTracker';
import { formatProductionRequireTime, measureProductionRequireTime, type ProductionRequireTimeResult } from '../requireTime';
import { DEFAULT_FARM_SERVERS, runS3SizingBench, type S3SizingBenchResult } from '../s3Sizing';
import { runTreeModelBench, type TreeModelBenchResult } from '../treeModel';
import { ms, type TableRow } from './table';

export interface BenchContext {
  quick: boolean;
  log: (line: string) => void;
}

export interface Bench<R> {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<R>;
  rows(result: R): TableRow[];
}

const activation: Bench<ProductionRequireTimeResult> = {
  name: 'activation',
  title: 'Activation cost: require() of the production activation bundle vs a minimal extension',
  run: async ({ quick, log }) => {
    const result = measureProductionRequireTime(quick ? 7 : 15);
    log(formatProductionRequireTime(result));
    return result;
  },
  rows: (r) => [
    {
      bench: 'activation',
      measurement: `require() of the production extension.js (${(r.extensionBytes / 1024).toFixed(0)} KB), median of ${r.runs} processes (target <= ${r.target.ratioAtMost}: ${r.target.met ? 'met' : 'NOT met'})`,
      value: ms(r.extensionMs),
      baseline: `${ms(r.minimalMs)} minimal ext.`,
      ratio: r.ratio,
      readsAs: 'extension / minimal (lower is better)',
    },
    {
      bench: 'activation',
      measurement: `require() of features.js (${(r.features.bytes / 1024).toFixed(0)} KB), on first use`,
      value: ms(r.features.ms),
      baseline: `${ms(r.minimalMs)} minimal ext.`,
      ratio: r.features.ratio,
      readsAs: 'features / minimal (information)',
    },
  ],
};

const treeModel: Bench<TreeModelBenchResult> = {
  name: 'tree',
  title: 'Tree model: a repository of 10,000 snapshots vs the raw mysql2 query',
  run: ({ quick, log }) => runTreeModelBench({ runs: quick ? 1 : 3, modelRuns: quick ? 10 : 20, log }),
  rows: (r) => {
    const baseline = `${ms(r.rawQuery.medianMs)} query`;
    const row = (measurement: string, value: number, ratio: number): TableRow => ({
      bench: 'tree',
      measurement,
      value: ms(value),
      baseline,
      ratio,
      readsAs: 'tree / raw query (lower is better)',
    });
    return [
      row(`parseSnapshotList of ${r.snapshots} rows`, r.parse.medianMs, r.ratios.parse),
      row(`expand repository: first page, ${r.firstPage.items} TreeItems`, r.firstPage.medianMs, r.ratios.firstPage),
      row(`expand repository: all ${r.allItems.items} TreeItems`, r.allItems.medianMs, r.ratios.allItems),
      row('expand end to end (extension connection + tree)', r.endToEnd.medianMs, r.ratios.endToEnd),
      row(
        `expand again, first page from the known list (target < ${r.expandAgainTarget.ratioBelow}: ${r.expandAgainTarget.met ? 'met' : 'NOT met'})`,
        r.expandAgain.medianMs,
        r.ratios.expandAgain,
      ),
    ];
  },
};

const jobTracker: Bench<JobTrackerBenchResult> = {
  name: 'jobs',
  title: 'Job tracker: polling cost vs a naive per-database poller',
  run: ({ quick, log }) => runJobTrackerBench({ ticks: quick ? 10 : 30, log }),
  rows: (r) => {
    const readsAs = 'naive / tracker (higher is better)';
    const where = `${r.databases} dbs, ${r.runningJobs} jobs`;
    return [
      {
        bench: 'jobs',
        measurement: `statements per poll (${where})`,
        value: String(r.tracker.statementsPerPoll),
        baseline: String(r.baseline.statementsPerPoll),
        ratio: r.ratios.statementsPerPoll,
        readsAs,
      },
      {
        bench: 'jobs',
        measurement: 'CPU per poll',
        value: ms(r.tracker.cpuMsPerPoll),
        baseline: ms(r.baseline.cpuMsPerPoll),
        ratio: r.ratios.cpuPerPoll,
        readsAs,
      },
      {
        bench: 'jobs',
        measurement: 'wall time per poll',
        value: ms(r.tracker.wallMsPerPoll),
        baseline: ms(r.baseline.wallMsPerPoll),
        ratio: r.ratios.wallPerPoll,
        readsAs,
      },
      {
        bench: 'jobs',
        measurement: 'statements in the first minute',
        value: String(r.tracker.statementsFirstMinute),
        baseline: String(r.baseline.statementsPerMinute),
        ratio: r.ratios.statementsFirstMinute,
        readsAs,
      },
      {
        bench: 'jobs',
        measurement: 'statements per minute, steady',
        value: String(r.tracker.statementsPerMinuteSteady),
        baseline: String(r.baseline.statementsPerMinute),
        ratio: r.ratios.statementsPerMinuteSteady,
        readsAs,
      },
    ];
  },
};

const s3Sizing: Bench<S3SizingBenchResult> = {
  name: 's3',
  title: 'S3 sizing: a repository of 100,000+ objects vs listing tools, on one server and on a parallel farm with latency',
  // One measured round after a warm-up per endpoint: five tools listing 100,000 objects in four
  // scenarios take minutes on a busy 2-core machine (the rclone per-folder mode alone sends ~50,000
  // listings), and an external tool is stopped at the time limit. `--quick`: a quarter of the
  // snapshots, the single server and the farm at +40 ms only.
  run: ({ quick, log }) =>
    runS3SizingBench({
      runs: 1,
      snapshots: quick ? 50 : 200,
      scenarios: quick
        ? [
            { servers: 1, latencyMs: 0 },
            { servers: DEFAULT_FARM_SERVERS, latencyMs: 40 },
          ]
        : undefined,
      toolTimeoutMs: quick ? 60_000 : 120_000,
      log,
    }),
  rows: (r) => [
    ...r.targets.map((target) => {
      const scenario = r.scenarios.find((s) => s.servers === target.scenario.servers && s.latencyMs === target.scenario.latencyMs)!;
      const other = scenario.baselines.find((b) => target.ratioOf.includes(b.tool))!;
      return {
        bench: 's3',
        measurement: `TARGET ${target.name}`,
        value: ms(scenario.extension.medianMs),
        baseline: `${other.timedOut ? '>' : ''}${ms(other.medianMs)}`,
        ratio: target.ratio,
        readsAs: `${target.ratioOf}, goal ${target.goal}: ${target.met ? 'met' : 'MISSED'}`,
      };
    }),
    ...r.scenarios.flatMap((scenario) =>
      scenario.baselines.map((tool) => ({
        bench: 's3',
        measurement: `size ${r.fixture.objects} objects, ${scenario.servers} server(s), +${scenario.latencyMs} ms/request, vs ${tool.tool}`,
        value: ms(scenario.extension.medianMs),
        baseline: `${tool.timedOut ? '>' : ''}${ms(tool.medianMs)}`,
        ratio: tool.ratio,
        readsAs: `tool / extension (higher is better)${tool.timedOut ? ', at least: stopped at the time limit' : ''}`,
      })),
    ),
  ],
};

/** A bench whose result type no longer matters to the caller: the JSON and the table rows. */
export interface BenchEntry {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<{ result: unknown; rows: TableRow[] }>;
}

function entry<R>(bench: Bench<R>): BenchEntry {
  return {
    name: bench.name,
    title: bench.title,
    run: async (ctx) => {
      const result = await bench.run(ctx);
      return { result, rows: bench.rows(result) };
    },
  };
}

/** In the order they run: the quick ones first, so a failure late in the run loses little. */
export const BENCHES: readonly BenchEntry[] = [entry(activation), entry(jobTracker), entry(treeModel), entry(s3Sizing)];
