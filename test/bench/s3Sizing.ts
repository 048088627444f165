/**
 * Benchmark: sizing a repository of 100,000+ objects in 200+ snapshots, compared in the same run,
 * on the same data, with the tools people use to count a bucket: `rclone size` in both of its
 * modes (default: one delimited listing per directory, `--checkers` of them at once; and
 * `--fast-list`: one recursive listing), `aws s3 ls --recursive --summarize`, and a single
 * sequential ListObjectsV2 loop. Reports ratios (tool time / extension time), never absolute
 * promises.
 *
 * Scenarios: the single S3 server with nothing added (where the extension must not lose to the
 * sequential loop), and a farm of several S3 server processes over the same store behind a proxy
 * that adds a per-request latency (s3Farm/), which serves requests in parallel as S3 does; there
 * the extension's parallel per-snapshot listing should leave every tool well behind.
 *
 * The fixture is written straight into an s3rver FilesystemStore folder (s3rver's own on-disk
 * format: `<key dirs>/<name>._S3rver_object` + `.md5` + `._S3rver_metadata.json`) and cached in
 * the temp folder: PUTting 100k objects through s3rver at ~550/s would take minutes per run.
 * Every tool's totals are checked against the fixture's, so a fast wrong answer fails the bench.
 * An external tool that runs past the time limit is stopped and reported as "more than" the limit.
 *
 * CLI: `node out/test/bench/s3Sizing.js [--runs 1] [--snapshots 200] [--tablets 250] [--servers 4]
 *       [--latency 10,40,100] [--concurrency 8] [--tool-timeout 120]`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { S3Client } from '@aws-sdk/client-s3';
import { startS3Server } from '../sandbox/s3/s3Server';
import { createS3Client } from '../../src/storage/client';
import { resolveRepository } from '../../src/storage/repository';
import { DEFAULT_SIZING_CONCURRENCY, sizeRepository } from '../../src/storage/sizing';
import { plainListing, repoInfoObject, snapshotObjects, timestampOf, writeS3rverStore } from '../unit/storage/fixture/repositoryFixture';
import { startS3Farm, type S3Endpoint } from './s3Farm';

const run = promisify(execFile);
const BUCKET = 'starrocks-backups';
const REPO = { name: 'bench', location: `s3a://${BUCKET}/bench` };
const ROOT = 'bench/__starrocks_repository_bench/';

/** Where requests go: one server as is, or `servers` behind the proxy with `latencyMs` added. */
export interface ScenarioSpec {
  servers: number;
  latencyMs: number;
}

export interface S3SizingBenchOptions {
  /** Measured rounds per scenario (a warm-up round comes first on each endpoint). */
  runs?: number;
  snapshots?: number;
  /** Tablets per snapshot; each has 2 files, plus `__meta` and `__info` per snapshot. */
  tablets?: number;
  concurrency?: number;
  scenarios?: ScenarioSpec[];
  /** An external tool still running after this long is stopped and reported as taking longer. */
  toolTimeoutMs?: number;
  cacheDir?: string;
  log?: (line: string) => void;
}

interface Totals {
  objects: number;
  bytes: number;
}

export interface ToolResult {
  tool: string;
  medianMs: number;
  runsMs: number[];
  /** True when a run hit the time limit: medianMs is then a lower bound. */
  timedOut: boolean;
  totals?: Totals;
  /** medianMs / extension medianMs: above 1 means the tool is slower than the extension (a lower bound when timedOut). */
  ratio: number;
}

export interface ScenarioResult extends ScenarioSpec {
  extension: ToolResult;
  baselines: ToolResult[];
  /** Requests each server process answered in this scenario (farm only): shows the spread. */
  served?: number[];
}

/** A goal of issue 17, as a ratio measured in this run. */
export interface TargetResult {
  name: string;
  scenario: ScenarioSpec;
  /** What is divided by what. */
  ratioOf: string;
  ratio: number;
  goal: string;
  met: boolean;
}

export interface S3SizingBenchResult {
  bench: 's3Sizing';
  fixture: Totals & { snapshots: number; cached: boolean; directory: string };
  runs: number;
  concurrency: number;
  scenarios: ScenarioResult[];
  targets: TargetResult[];
  /** Tools that could not run on this machine, with the reason. */
  skipped: { tool: string; reason: string }[];
}

export const DEFAULT_FARM_SERVERS = 4;

/** Writes the fixture once per shape into the cache folder; returns its totals. */
function ensureFixture(
  cacheDir: string,
  snapshots: number,
  tablets: number,
  log: (l: string) => void,
): { store: string; totals: Totals; cached: boolean } {
  const dir = path.join(cacheDir, `sr-bench-s3-v1-${snapshots}x${tablets}`);
  const store = path.join(dir, 'store');
  const marker = path.join(dir, 'fixture.json');
  if (fs.existsSync(marker)) return { store, totals: JSON.parse(fs.readFileSync(marker, 'utf8')), cached: true };
  fs.rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const totals: Totals = { objects: 0, bytes: 0 };
  const write = (objects: ReturnType<typeof snapshotObjects>) => {
    writeS3rverStore(store, BUCKET, objects);
    totals.objects += objects.length;
    totals.bytes += objects.reduce((s, o) => s + o.body.length, 0);
  };
  write([repoInfoObject(ROOT, REPO.name)]);
  for (let i = 0; i < snapshots; i++) {
    const backupTime = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000);
    // A few realistic oddities: two cancelled backups, one with leftover uploads.
    const spec = {
      label: `sales_${timestampOf(backupTime).replace(/-/g, '').slice(0, 14)}_${i}`,
      backupTime,
      tablets,
      fileSize: 200 + (i % 7) * 150,
      complete: i % 97 !== 5,
      partLeftovers: i === 42 ? 3 : 0,
    };
    write(snapshotObjects(ROOT, spec, { db: 10001, table: 10010 + i, partition: 20000 + i, index: 30000 + i, tablet: 100000 + i * 1000 }));
  }
  fs.writeFileSync(marker, JSON.stringify(totals));
  log(
    `fixture: wrote ${totals.objects} objects (${totals.bytes} bytes) into ${store} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { store, totals, cached: false };
}

interface Timed {
  ms: number;
  totals?: Totals;
  timedOut: boolean;
}

async function timed(fn: () => Promise<Totals | 'timedOut'>): Promise<Timed> {
  const start = performance.now();
  const totals = await fn();
  const ms = performance.now() - start;
  return totals === 'timedOut' ? { ms, timedOut: true } : { ms, totals, timedOut: false };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The extension's path as the tree takes it (sizes, no health check): the legacy-root probe, one
 * delimited listing of the root, then every snapshot's prefix listed, `concurrency` at a time.
 */
async function extensionSizing(client: S3Client, concurrency: number, peaks: number[]): Promise<Totals> {
  const repo = await resolveRepository(client, REPO);
  const usage = await sizeRepository(client, repo, { concurrency });
  peaks.push(usage.peakConcurrency);
  return { objects: usage.totals.objects + usage.listing.rootFiles.length, bytes: usage.totals.bytes + usage.rootBytes };
}

async function sequentialLoop(client: S3Client): Promise<Totals> {
  const listing = await plainListing(client, BUCKET, ROOT);
  return { objects: listing.count, bytes: listing.bytes };
}

/** Runs an external tool; 'timedOut' when it was stopped at the limit. */
async function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | 'timedOut'> {
  try {
    const { stdout } = await run(command, args, { env, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' });
    return stdout;
  } catch (error) {
    if ((error as { killed?: boolean }).killed) return 'timedOut';
    throw error;
  }
}

async function rcloneSize(server: S3Endpoint, fastList: boolean, timeoutMs: number): Promise<Totals | 'timedOut'> {
  // rclone's S3 backend refuses AWS_CA_BUNDLE on its own transport; the endpoint is plain http anyway.
  const { AWS_CA_BUNDLE: _unused, ...inherited } = process.env;
  const env = {
    ...inherited,
    RCLONE_CONFIG: '/dev/null',
    RCLONE_S3_PROVIDER: 'Other',
    RCLONE_S3_ENDPOINT: server.endpoint,
    RCLONE_S3_ACCESS_KEY_ID: server.accessKey,
    RCLONE_S3_SECRET_ACCESS_KEY: server.secretKey,
    RCLONE_S3_REGION: server.region,
    RCLONE_S3_FORCE_PATH_STYLE: 'true',
    RCLONE_S3_LIST_VERSION: '2',
  };
  // Without --fast-list rclone lists every folder separately, --checkers (8) at a time: the tablet
  // folders make that ~250 delimited listings per snapshot. --fast-list is one recursive listing.
  const args = ['size', '--json', ...(fastList ? ['--fast-list'] : []), `:s3:${BUCKET}/${ROOT}`];
  const stdout = await runTool('rclone', args, env, timeoutMs);
  if (stdout === 'timedOut') return stdout;
  const parsed = JSON.parse(stdout) as { count: number; bytes: number };
  return { objects: parsed.count, bytes: parsed.bytes };
}

async function awsLs(server: S3Endpoint, configFile: string, timeoutMs: number): Promise<Totals | 'timedOut'> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: server.accessKey,
    AWS_SECRET_ACCESS_KEY: server.secretKey,
    AWS_DEFAULT_REGION: server.region,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const args = ['s3', 'ls', `s3://${BUCKET}/${ROOT}`, '--recursive', '--summarize', '--endpoint-url', server.endpoint];
  const stdout = await runTool('aws', args, env, timeoutMs);
  if (stdout === 'timedOut') return stdout;
  const objects = /Total Objects:\s*(\d+)/.exec(stdout);
  const bytes = /Total Size:\s*(\d+)/.exec(stdout);
  if (!objects || !bytes) throw new Error(`Unexpected aws output: ${stdout.slice(-300)}`);
  return { objects: Number(objects[1]), bytes: Number(bytes[1]) };
}

async function available(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args);
    return undefined;
  } catch (error) {
    return `${command} is not runnable: ${(error as Error).message.split('\n')[0]}`;
  }
}

const TOOL = {
  sequential: 'sequential ListObjectsV2 loop',
  rcloneDefault: 'rclone size (default: per folder, --checkers 8)',
  rcloneFast: 'rclone size --fast-list',
  aws: 'aws s3 ls --recursive --summarize',
};

interface Tool {
  tool: string;
  fn: () => Promise<Totals | 'timedOut'>;
  /** A command run in its own process (rclone, aws). */
  external?: boolean;
  /** What to add to the log line of a run. */
  detail?: () => string;
  unavailable?: string;
}

function describeScenario(s: ScenarioSpec): string {
  return s.servers === 1 && s.latencyMs === 0
    ? 'single server, nothing added'
    : `${s.servers} servers behind a proxy, +${s.latencyMs} ms/request`;
}

/**
 * Optionally one warm-up round (page cache, connections, JIT; in-process tools only), then the measured rounds,
 * interleaved so that drift (other work on the machine) affects every tool alike. Every answer is
 * checked; a timed-out run counts as the limit (a lower bound).
 */
async function measureScenario(
  spec: ScenarioSpec,
  tools: Tool[],
  runs: number,
  warmUp: boolean,
  expected: Totals,
  log: (l: string) => void,
): Promise<ScenarioResult> {
  const times = new Map<string, number[]>(tools.map((t) => [t.tool, []]));
  const totals = new Map<string, Totals>();
  const timedOut = new Set<string>();
  for (let round = warmUp ? 0 : 1; round <= runs; round++) {
    // The warm-up round fills the page cache and warms the servers through the in-process tools;
    // the external tools start a fresh process each time, so warming them up would only cost minutes.
    for (const t of round === 0 ? tools.filter((x) => !x.external) : tools) {
      const result = await timed(t.fn);
      if (result.timedOut) timedOut.add(t.tool);
      else if (result.totals!.objects !== expected.objects || result.totals!.bytes !== expected.bytes) {
        throw new Error(
          `${t.tool} counted ${result.totals!.objects} objects / ${result.totals!.bytes} bytes; the fixture has ${expected.objects} / ${expected.bytes}`,
        );
      } else totals.set(t.tool, result.totals!);
      if (round > 0) times.get(t.tool)!.push(result.ms);
      log(
        `${describeScenario(spec)}, ${round === 0 ? 'warm-up' : `run ${round}`}: ${t.tool}: ${result.ms.toFixed(0)} ms${result.timedOut ? ' (stopped at the time limit)' : ''}${t.detail?.() ?? ''}`,
      );
    }
  }
  const medians = tools.map((t) => median(times.get(t.tool)!));
  const [extension, ...baselines] = tools.map((t, i) => ({
    tool: t.tool,
    medianMs: Math.round(medians[i]),
    runsMs: times.get(t.tool)!.map((v) => Math.round(v)),
    timedOut: timedOut.has(t.tool),
    totals: totals.get(t.tool),
    ratio: Number((medians[i] / medians[0]).toFixed(2)),
  }));
  if (extension.timedOut) throw new Error('the extension cannot time out');
  return { ...spec, extension, baselines };
}

/** Issue 17's goals, from the scenarios measured (a goal whose scenario did not run is left out). */
function targetsOf(scenarios: ScenarioResult[]): TargetResult[] {
  const targets: TargetResult[] = [];
  const parallel = scenarios.find((s) => s.servers > 1 && s.latencyMs === 40);
  const rclone = parallel?.baselines.filter((b) => b.tool === TOOL.rcloneDefault || b.tool === TOOL.rcloneFast) ?? [];
  if (parallel && rclone.length > 0) {
    const faster = rclone.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    targets.push({
      name: 'parallel capacity, +40 ms: faster rclone mode / extension',
      scenario: { servers: parallel.servers, latencyMs: parallel.latencyMs },
      ratioOf: `${faster.tool} / extension`,
      ratio: faster.ratio,
      goal: '>= 2',
      met: faster.ratio >= 2,
    });
  }
  const single = scenarios.find((s) => s.servers === 1 && s.latencyMs === 0);
  const loop = single?.baselines.find((b) => b.tool === TOOL.sequential);
  if (single && loop) {
    const ratio = Number((single.extension.medianMs / loop.medianMs).toFixed(2));
    targets.push({
      name: 'single server, nothing added: extension / sequential loop',
      scenario: { servers: 1, latencyMs: 0 },
      ratioOf: `extension / ${TOOL.sequential}`,
      ratio,
      goal: '<= 1.1',
      met: ratio <= 1.1,
    });
  }
  return targets;
}

export async function runS3SizingBench(options: S3SizingBenchOptions = {}): Promise<S3SizingBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const runs = options.runs ?? 1;
  const concurrency = options.concurrency ?? DEFAULT_SIZING_CONCURRENCY;
  const snapshots = options.snapshots ?? 200;
  const toolTimeoutMs = options.toolTimeoutMs ?? 120_000;
  const specs = options.scenarios ?? [
    { servers: 1, latencyMs: 0 },
    ...[10, 40, 100].map((latencyMs) => ({ servers: DEFAULT_FARM_SERVERS, latencyMs })),
  ];
  const fixture = ensureFixture(options.cacheDir ?? process.env.SR_BENCH_CACHE ?? os.tmpdir(), snapshots, options.tablets ?? 250, log);
  const awsConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-aws-')), 'config');
  fs.writeFileSync(
    awsConfig,
    '[default]\nregion = us-east-1\nresponse_checksum_validation = when_required\nrequest_checksum_calculation = when_required\ns3 =\n  addressing_style = path\n',
  );
  const unavailable = { rclone: await available('rclone', ['version']), aws: await available('aws', ['--version']) };
  const scenarios: ScenarioResult[] = [];
  try {
    // Scenarios on the same endpoint shape run together, so each endpoint is started (and warmed up) once.
    const single = specs.filter((s) => s.servers === 1 && s.latencyMs === 0);
    const farms = [...new Set(specs.filter((s) => !single.includes(s)).map((s) => s.servers))];
    if (single.length > 0) {
      const server = await startS3Server({ directory: fixture.store, buckets: [BUCKET] });
      try {
        scenarios.push(...(await measureOn(server, single, async () => undefined)));
      } finally {
        await server.stop();
      }
    }
    for (const servers of farms) {
      const farm = await startS3Farm({ directory: fixture.store, buckets: [BUCKET], servers });
      try {
        const here = specs.filter((s) => s.servers === servers && !single.includes(s));
        scenarios.push(
          ...(await measureOn(
            farm,
            here,
            (spec) => farm.setLatency(spec.latencyMs),
            () => farm.served(),
          )),
        );
      } finally {
        await farm.stop();
      }
    }
  } finally {
    fs.rmSync(path.dirname(awsConfig), { recursive: true, force: true });
  }

  async function measureOn(
    endpoint: S3Endpoint,
    here: ScenarioSpec[],
    prepare: (spec: ScenarioSpec) => Promise<void>,
    served?: () => Promise<number[]>,
  ): Promise<ScenarioResult[]> {
    const client = await createS3Client({
      credentials: { kind: 'keys', accessKeyId: endpoint.accessKey, secretAccessKey: endpoint.secretKey },
      endpoint: { endpoint: endpoint.endpoint, region: endpoint.region, forcePathStyle: true },
    });
    const peaks: number[] = [];
    try {
      const tools: Tool[] = [
        {
          tool: `extension (sizeRepository, adaptive, at most ${concurrency} in flight)`,
          fn: () => extensionSizing(client, concurrency, peaks),
          detail: () => `, peak ${peaks[peaks.length - 1]} in flight`,
        },
        { tool: TOOL.sequential, fn: () => sequentialLoop(client) },
        { tool: TOOL.rcloneDefault, fn: () => rcloneSize(endpoint, false, toolTimeoutMs), external: true, unavailable: unavailable.rclone },
        { tool: TOOL.rcloneFast, fn: () => rcloneSize(endpoint, true, toolTimeoutMs), external: true, unavailable: unavailable.rclone },
        { tool: TOOL.aws, fn: () => awsLs(endpoint, awsConfig, toolTimeoutMs), external: true, unavailable: unavailable.aws },
      ];
      const results: ScenarioResult[] = [];
      for (const [i, spec] of here.entries()) {
        await prepare(spec);
        const before = (await served?.()) ?? [];
        const result = await measureScenario(
          spec,
          tools.filter((t) => !t.unavailable),
          runs,
          i === 0,
          fixture.totals,
          log,
        );
        if (served) result.served = (await served()).map((n, j) => n - (before[j] ?? 0));
        results.push(result);
      }
      return results;
    } finally {
      client.destroy();
    }
  }

  const skipped = Object.entries(unavailable)
    .filter(([, reason]) => reason)
    .map(([tool, reason]) => ({ tool, reason: reason! }));
  const result: S3SizingBenchResult = {
    bench: 's3Sizing',
    fixture: { ...fixture.totals, snapshots, cached: fixture.cached, directory: fixture.store },
    runs,
    concurrency,
    scenarios,
    targets: targetsOf(scenarios),
    skipped,
  };
  for (const scenario of scenarios) {
    log(`\nSizing ${fixture.totals.objects} objects in ${snapshots} snapshots, ${describeScenario(scenario)} (median of ${runs}):`);
    for (const r of [scenario.extension, ...scenario.baselines])
      log(
        `  ${r.tool.padEnd(50)} ${(r.timedOut ? '>' : '').padStart(2)}${String(r.medianMs).padStart(7)} ms   x${r.ratio.toFixed(2)} of the extension's time`,
      );
    if (scenario.served) log(`  requests per server process: ${scenario.served.join(', ')}`);
  }
  for (const t of result.targets) log(`target: ${t.name}: x${t.ratio.toFixed(2)} (goal ${t.goal}) ${t.met ? 'met' : 'MISSED'}`);
  return result;
}

function argValue(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

if (require.main === module) {
  const latency = process.argv.indexOf('--latency');
  const latencies = latency === -1 ? [10, 40, 100] : process.argv[latency + 1].split(',').map(Number);
  const servers = argValue('servers') ?? DEFAULT_FARM_SERVERS;
  const timeout = argValue('tool-timeout');
  runS3SizingBench({
    runs: argValue('runs'),
    snapshots: argValue('snapshots'),
    tablets: argValue('tablets'),
    concurrency: argValue('concurrency'),
    toolTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
    scenarios: [{ servers: 1, latencyMs: 0 }, ...latencies.map((latencyMs) => ({ servers, latencyMs }))],
  })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
