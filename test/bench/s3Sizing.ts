/**
 * Benchmark: sizing a repository of 100,000+ objects in 200+ snapshots on the local S3 server,
 * compared in the same run, on the same data and the same server, with `rclone size`,
 * `aws s3 ls --recursive --summarize` and a single sequential ListObjectsV2 loop. Reports
 * ratios (tool time / extension time), never absolute promises.
 *
 * The fixture is written straight into an s3rver FilesystemStore folder (s3rver's own on-disk
 * format: `<key dirs>/<name>._S3rver_object` + `.md5` + `._S3rver_metadata.json`) and cached in
 * the temp folder: PUTting 100k objects through s3rver at ~550/s would take minutes per run.
 * Every tool's totals are checked against the fixture's, so a fast wrong answer fails the bench.
 *
 * CLI: `node out/test/bench/s3Sizing.js [--runs 3] [--snapshots 200] [--tablets 250] [--latency 0,40]`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type RunningS3Server } from '../sandbox/s3/s3Server';
import { createS3Client } from '../../src/storage/client';
import { resolveRepository } from '../../src/storage/repository';
import { sizeRepository } from '../../src/storage/sizing';
import { plainListing, repoInfoObject, snapshotObjects, timestampOf, writeS3rverStore } from '../unit/storage/fixture/repositoryFixture';

const run = promisify(execFile);
const BUCKET = 'starrocks-backups';
const REPO = { name: 'bench', location: `s3a://${BUCKET}/bench` };
const ROOT = 'bench/__starrocks_repository_bench/';

export interface S3SizingBenchOptions {
  runs?: number;
  snapshots?: number;
  /** Tablets per snapshot; each has 2 files, plus `__meta` and `__info` per snapshot. */
  tablets?: number;
  concurrency?: number;
  /** One scenario per value: 0 is the local server as is; e.g. 40 adds a remote region's round trip. */
  latenciesMs?: number[];
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
  totals: Totals;
  /** medianMs / extension medianMs: above 1 means the tool is slower than the extension. */
  ratio: number;
}

export interface ScenarioResult {
  /** Delay the server adds to every request, standing in for the round trip to a remote region. */
  latencyMs: number;
  extension: ToolResult;
  baselines: ToolResult[];
}

export interface S3SizingBenchResult {
  bench: 's3Sizing';
  fixture: Totals & { snapshots: number; cached: boolean; directory: string };
  runs: number;
  concurrency: number;
  scenarios: ScenarioResult[];
  /** Tools that could not run on this machine, with the reason. */
  skipped: { tool: string; reason: string }[];
}

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

async function timed(fn: () => Promise<Totals>): Promise<{ ms: number; totals: Totals }> {
  const start = performance.now();
  const totals = await fn();
  return { ms: performance.now() - start, totals };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The extension's path: delimited listing of the root, then every snapshot listed and its info read, 8 at a time. */
async function extensionSizing(client: S3Client, concurrency: number): Promise<Totals> {
  const repo = await resolveRepository(client, REPO);
  const usage = await sizeRepository(client, repo, { concurrency });
  return { objects: usage.totals.objects + usage.listing.rootFiles.length, bytes: usage.totals.bytes + usage.rootBytes };
}

async function sequentialLoop(client: S3Client): Promise<Totals> {
  const listing = await plainListing(client, BUCKET, ROOT);
  return { objects: listing.count, bytes: listing.bytes };
}

async function rcloneSize(server: RunningS3Server): Promise<Totals> {
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
  // --fast-list: one recursive listing, rclone's recommended mode for counting S3; without it
  // rclone lists every folder separately (thousands of requests here).
  const { stdout } = await run('rclone', ['size', '--json', '--fast-list', `:s3:${BUCKET}/${ROOT}`], { env, maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(stdout) as { count: number; bytes: number };
  return { objects: parsed.count, bytes: parsed.bytes };
}

async function awsLs(server: RunningS3Server, configFile: string): Promise<Totals> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: server.accessKey,
    AWS_SECRET_ACCESS_KEY: server.secretKey,
    AWS_DEFAULT_REGION: server.region,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const { stdout } = await run(
    'aws',
    ['s3', 'ls', `s3://${BUCKET}/${ROOT}`, '--recursive', '--summarize', '--endpoint-url', server.endpoint],
    { env, maxBuffer: 256 * 1024 * 1024 },
  );
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

interface Tool {
  tool: string;
  fn: () => Promise<Totals>;
  unavailable?: string;
}

/**
 * One warm-up round (page cache, connections), then the measured rounds, interleaved so that
 * drift (other work on the machine) affects every tool alike. Every answer is checked.
 */
async function measureScenario(
  tools: Tool[],
  latencyMs: number,
  runs: number,
  expected: Totals,
  log: (l: string) => void,
): Promise<ScenarioResult> {
  const times = new Map<string, number[]>(tools.map((t) => [t.tool, []]));
  const totals = new Map<string, Totals>();
  for (let round = 0; round <= runs; round++) {
    for (const t of tools) {
      const { ms, totals: got } = await timed(t.fn);
      if (got.objects !== expected.objects || got.bytes !== expected.bytes) {
        throw new Error(
          `${t.tool} counted ${got.objects} objects / ${got.bytes} bytes; the fixture has ${expected.objects} / ${expected.bytes}`,
        );
      }
      totals.set(t.tool, got);
      if (round > 0) times.get(t.tool)!.push(ms);
      log(`latency ${latencyMs} ms, ${round === 0 ? 'warm-up' : `run ${round}`}: ${t.tool}: ${ms.toFixed(0)} ms`);
    }
  }
  const medians = tools.map((t) => median(times.get(t.tool)!));
  const [extension, ...baselines] = tools.map((t, i) => ({
    tool: t.tool,
    medianMs: Math.round(medians[i]),
    runsMs: times.get(t.tool)!.map((v) => Math.round(v)),
    totals: totals.get(t.tool)!,
    ratio: Number((medians[i] / medians[0]).toFixed(2)),
  }));
  return { latencyMs, extension, baselines };
}

export async function runS3SizingBench(options: S3SizingBenchOptions = {}): Promise<S3SizingBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const runs = options.runs ?? 3;
  const concurrency = options.concurrency ?? 8;
  const snapshots = options.snapshots ?? 200;
  const latencies = options.latenciesMs ?? [0, 40];
  const fixture = ensureFixture(options.cacheDir ?? process.env.SR_BENCH_CACHE ?? os.tmpdir(), snapshots, options.tablets ?? 250, log);
  const server = await startS3Server({ directory: fixture.store, buckets: [BUCKET] });
  const client = await createS3Client({
    credentials: { kind: 'keys', accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
    endpoint: { endpoint: server.endpoint, region: server.region, forcePathStyle: true },
  });
  const awsConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-aws-')), 'config');
  fs.writeFileSync(
    awsConfig,
    '[default]\nregion = us-east-1\nresponse_checksum_validation = when_required\nrequest_checksum_calculation = when_required\ns3 =\n  addressing_style = path\n',
  );
  try {
    const tools: Tool[] = [
      { tool: 'extension (sizeRepository, concurrency ' + concurrency + ')', fn: () => extensionSizing(client, concurrency) },
      { tool: 'sequential ListObjectsV2 loop', fn: () => sequentialLoop(client) },
      { tool: 'rclone size --fast-list', fn: () => rcloneSize(server), unavailable: await available('rclone', ['version']) },
      { tool: 'aws s3 ls --recursive --summarize', fn: () => awsLs(server, awsConfig), unavailable: await available('aws', ['--version']) },
    ];
    const runnable = tools.filter((t) => !t.unavailable);
    const scenarios: ScenarioResult[] = [];
    for (const latencyMs of latencies) {
      await server.setLatency(latencyMs);
      scenarios.push(await measureScenario(runnable, latencyMs, runs, fixture.totals, log));
    }
    const result: S3SizingBenchResult = {
      bench: 's3Sizing',
      fixture: { ...fixture.totals, snapshots, cached: fixture.cached, directory: fixture.store },
      runs,
      concurrency,
      scenarios,
      skipped: tools.filter((t) => t.unavailable).map((t) => ({ tool: t.tool, reason: t.unavailable! })),
    };
    for (const scenario of scenarios) {
      log(
        `\nSizing ${fixture.totals.objects} objects in ${snapshots} snapshots, ${scenario.latencyMs} ms added per request (median of ${runs}):`,
      );
      for (const r of [scenario.extension, ...scenario.baselines])
        log(`  ${r.tool.padEnd(48)} ${String(r.medianMs).padStart(7)} ms   x${r.ratio.toFixed(2)} of the extension's time`);
    }
    return result;
  } finally {
    client.destroy();
    await server.stop();
    fs.rmSync(path.dirname(awsConfig), { recursive: true, force: true });
  }
}

function argValue(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

if (require.main === module) {
  const latency = process.argv.indexOf('--latency');
  const latenciesMs = latency === -1 ? undefined : process.argv[latency + 1].split(',').map(Number);
  runS3SizingBench({
    runs: argValue('runs'),
    snapshots: argValue('snapshots'),
    tablets: argValue('tablets'),
    concurrency: argValue('concurrency'),
    latenciesMs,
  })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
