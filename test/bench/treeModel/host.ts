/**
 * The extension-host half of the tree benchmark (the workbench runs it as `extensionTestsPath`):
 * times the explorer's own code — `ExplorerTreeProvider`, `RepositoryNode`, `SnapshotNode`, the
 * real `vscode.TreeItem` — on a repository of many snapshots, and writes `HostMeasurements`.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { parseSnapshotList } from '../../../src/starrocks/parsers/snapshots';
import { showSnapshots } from '../../../src/starrocks/statements/show';
import { ExplorerTreeProvider } from '../../../src/views/explorerTreeProvider';
import type { ExplorerNode } from '../../../src/views/nodes/explorerNode';
import type { RepositoryNode } from '../../../src/views/nodes/repositoryNode';
import { activateApi, labelOf, waitFor } from '../../integration/support/explorer';
import { ScriptedPrompter } from '../../integration/support/scriptedPrompter';
import { TREE_BENCH_ENV, type HostMeasurements, type Timing } from './protocol';
import { ReplayingConnections } from './replayingConnections';

const PAGE_SETTING = 'explorer.snapshotPageSize';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * `runs` measured rounds after one warm-up round (skipped for rounds that take seconds, where JIT
 * warm-up is noise); each round returns what it produced, to be checked.
 */
async function timed<T>(runs: number, round: () => Promise<T> | T, warmUp = true): Promise<Timing & { last: T }> {
  let last = warmUp ? await round() : (undefined as T);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await round();
    times.push(performance.now() - start);
  }
  const rounded = times.map((ms) => Math.round(ms * 100) / 100);
  return { medianMs: Math.round(median(times) * 100) / 100, runsMs: rounded, last };
}

/** What the view does when a repository is expanded: its children, then a TreeItem for each. */
async function expand(provider: ExplorerTreeProvider, repo: RepositoryNode): Promise<vscode.TreeItem[]> {
  repo.invalidate();
  const children = await provider.getChildren(repo);
  return children.map((child) => provider.getTreeItem(child));
}

async function repositoryNodeOf(provider: ExplorerTreeProvider, profileId: string, repository: string): Promise<RepositoryNode> {
  const root = (await provider.getChildren()).find((node: ExplorerNode) => provider.connectionNode(profileId) === node);
  if (!root) throw new Error(`the tree shows no node for profile ${profileId}`);
  await provider.getChildren(root);
  const repo = provider.repositoryNode(profileId, repository);
  if (!repo) throw new Error(`the connection lists no repository ${repository}`);
  return repo;
}

/** Snapshot items only (the first page ends with a "Show more…" placeholder). */
function snapshotItems(items: vscode.TreeItem[]): vscode.TreeItem[] {
  return items.filter((item) => /\bsnapshot\b/.test(item.contextValue ?? ''));
}

async function measure(): Promise<HostMeasurements> {
  const rows = JSON.parse(fs.readFileSync(env(TREE_BENCH_ENV.rows), 'utf8')) as Record<string, unknown>[];
  const repository = env(TREE_BENCH_ENV.repository);
  const runs = Number(process.env[TREE_BENCH_ENV.runs] || 10);
  const e2eRuns = Number(process.env[TREE_BENCH_ENV.e2eRuns] || 2);
  const api: ExtensionApi = await activateApi();
  // Nobody answers dialogs here: any question (e.g. for a password) fails the run instead of hanging it.
  api.prompter = new ScriptedPrompter();
  const name = env(TREE_BENCH_ENV.connection);
  // The extension adds the seeded connection right after activation, the profile first, then its password.
  const profile = await waitFor(`the seeded connection "${name}"`, () => api.connections.listProfiles().find((p) => p.name === name));
  await waitFor(`the password of "${name}" in the secret storage`, () => api.connections.hasStoredPassword(profile.id));
  const config = vscode.workspace.getConfiguration('starrocksBackup');
  const pageSize = config.get<number>(PAGE_SETTING, 200);

  const parse = await timed(runs, () => parseSnapshotList(rows));
  if (parse.last.length !== rows.length) throw new Error(`parseSnapshotList returned ${parse.last.length} snapshots for ${rows.length} rows`);

  const replaying = new ReplayingConnections(api.connections, showSnapshots(repository).sql, rows);
  const provider = new ExplorerTreeProvider({ connections: replaying, jobs: api.jobs });
  try {
    const repo = await repositoryNodeOf(provider, profile.id, repository);
    const firstPage = await timed(runs, () => expand(provider, repo));
    await config.update(PAGE_SETTING, 100_000, vscode.ConfigurationTarget.Global);
    repo.setFilter(undefined); // starts again at the first page, now of the new size
    const allItems = await timed(runs, () => expand(provider, repo));
    await config.update(PAGE_SETTING, undefined, vscode.ConfigurationTarget.Global);

    // The sandbox lists 10,000 snapshots in tens of seconds on a busy machine: more than the default query timeout.
    await config.update('queryTimeoutSeconds', 900, vscode.ConfigurationTarget.Global);
    const realRepo = await repositoryNodeOf(api.tree, profile.id, repository);
    const endToEnd = await timed(e2eRuns, () => expand(api.tree, realRepo), false);
    return {
      vscodeVersion: vscode.version,
      snapshots: rows.length,
      pageSize,
      parse: { medianMs: parse.medianMs, runsMs: parse.runsMs },
      firstPage: { medianMs: firstPage.medianMs, runsMs: firstPage.runsMs, items: snapshotItems(firstPage.last).length },
      allItems: { medianMs: allItems.medianMs, runsMs: allItems.runsMs, items: snapshotItems(allItems.last).length },
      endToEnd: { medianMs: endToEnd.medianMs, runsMs: endToEnd.runsMs, items: snapshotItems(endToEnd.last).length },
      firstLabels: snapshotItems(endToEnd.last).slice(0, 2).map(labelOf),
    };
  } finally {
    provider.dispose();
  }
}

/** Entry point called by the workbench; a rejection becomes a non-zero exit code. */
export async function run(): Promise<void> {
  const resultFile = env(TREE_BENCH_ENV.result);
  try {
    fs.writeFileSync(resultFile, JSON.stringify(await measure(), null, 2));
  } catch (error) {
    fs.writeFileSync(resultFile, JSON.stringify({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
    throw error;
  }
}
