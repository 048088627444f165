/**
 * `npm run bench`: every benchmark of the project in one run, each reporting ratios against a
 * baseline measured in the same run (never absolute promises), then one summary table and
 * `bench-results/bench.json` with the machine it ran on.
 *
 *   npm run bench -- [--quick] [--only activation,jobs,tree,s3] [--skip s3] [--out file.json]
 *
 * `--quick` runs fewer rounds (and S3 sizing on a quarter of the snapshots, on the single server
 * and on the farm at +40 ms only) for a check that the numbers are sane; the full run takes about
 * twenty minutes on an idle 2-core machine, much longer on a busy one. A bench
 * that fails is reported and the others still run; the exit code is then 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { exitAfterCleanup } from '../harness/cleanup';
import { projectRoot } from '../harness/paths';
import { BENCHES, type BenchEntry } from './aggregate/benches';
import { describeMachine, formatMachine, type MachineInfo } from './aggregate/machine';
import { formatTable, type TableRow } from './aggregate/table';

interface Options {
  quick: boolean;
  only?: string[];
  skip: string[];
  out: string;
}

export interface BenchReport {
  startedAt: string;
  quick: boolean;
  machine: MachineInfo;
  /** Per bench: its full result, how long it took, or why it failed. */
  benches: Record<string, { seconds: number; result?: unknown; error?: string }>;
  table: TableRow[];
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { quick: false, skip: [], out: path.join(projectRoot, 'bench-results', 'bench.json') };
  const names = (text: string | undefined) =>
    (text ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only') options.only = names(argv[++i]);
    else if (arg === '--skip') options.skip = names(argv[++i]);
    else if (arg === '--out') options.out = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown option ${arg}; use --quick, --only <names>, --skip <names>, --out <file>`);
  }
  const known = BENCHES.map((b) => b.name);
  const unknown = [...(options.only ?? []), ...options.skip].filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; the benches are ${known.join(', ')}`);
  return options;
}

function selected(options: Options): BenchEntry[] {
  return BENCHES.filter((b) => (!options.only || options.only.includes(b.name)) && !options.skip.includes(b.name));
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    quick: options.quick,
    machine: describeMachine(),
    benches: {},
    table: [],
  };
  console.log(`Benchmarks${options.quick ? ' (--quick)' : ''} on ${formatMachine(report.machine)}`);
  const log = (line: string) => console.log(line);
  for (const bench of selected(options)) {
    console.log(`\n=== ${bench.title} [${bench.name}]`);
    const started = performance.now();
    try {
      const { result, rows } = await bench.run({ quick: options.quick, log });
      report.benches[bench.name] = { seconds: seconds(started), result };
      report.table.push(...rows);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report.benches[bench.name] = { seconds: seconds(started), error: message };
      console.error(`[bench] ${bench.name} failed: ${message}`);
    }
    console.log(`[bench] ${bench.name} took ${report.benches[bench.name].seconds} s`);
  }
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  const failed = Object.entries(report.benches)
    .filter(([, b]) => b.error)
    .map(([name]) => name);
  console.log(`\nSummary (${formatMachine(report.machine)}):\n`);
  console.log(formatTable(report.table));
  const shown = path.relative(process.cwd(), options.out);
  console.log(`\nSaved ${shown.startsWith('..') ? options.out : shown}${failed.length > 0 ? `; FAILED: ${failed.join(', ')}` : ''}`);
  return failed.length > 0 ? 1 : 0;
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

main().then(exitAfterCleanup, (error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  return exitAfterCleanup(2);
});
