/**
 * The extension-host half of the tree benchmark (the workbench runs it as `extensionTestsPath`):
 * times the raw mysql2 query of SHOW SNAPSHOT and, in alternation with it, the real extension
 * expanding the repository through its own connection; then the explorer's own code —
 * `ExplorerTreeProvider`, `RepositoryNode`, `SnapshotNode`, the real `vscode.TreeItem` — on the
 * rows the query returned, with the query answered from memory; and expanding the repository again
 * once its node dropped its data, which shows the catalog's known list while the server is asked in
 * the background. Writes `HostMeasurements`.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { parseSnapshotList } from '../../../src/starrocks/parsers/snapshots';
import { showSnapshots } from '../../../src/starrocks/builders/show';
import { ServerCatalog } from '../../../src/catalog/serverCatalog';
import { ExplorerTreeProvider } from '../../../src/views/explorerTreeProvider';
import type { ExplorerNode } from '../../../src/views/nodes/explorerNode';
import type { RepositoryNode } from '../../../src/views/nodes/repositoryNode';
import { activateApi, labelOf, waitFor } from '../../integration/support/explorer';
import { ScriptedPrompter } from '../../integration/support/scriptedPrompter';
import { TREE_BENCH_ENV, type HostMeasurements, type SandboxAccount, type Timing } from './protocol';
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

/** `runs` measured rounds after one warm-up round; each round returns what it produced, to be checked. */
async function timed<T>(runs: number, round: () => Promise<T> | T): Promise<Timing & { last: T }> {
  let last = await round();
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
async function itemsOf(provider: ExplorerTreeProvider, repo: RepositoryNode): Promise<vscode.TreeItem[]> {
  const children = await provider.getChildren(repo);
  return children.map((child) => provider.getTreeItem(child));
}

/** The first expansion: neither the node nor the catalog knows the list (as after a Refresh). */
function expand(provider: ExplorerTreeProvider, catalog: ServerCatalog, repo: RepositoryNode): Promise<vscode.TreeItem[]> {
  catalog.invalidate();
  repo.invalidate();
  return itemsOf(provider, repo);
}

/**
 * Expanding again once the node dropped its data (as when the connection closed): the list the
 * catalog read before is shown and the server is asked in the background. Only the expansion is
 * timed; the caller waits for the background refresh between rounds.
 */
function expandAgain(provider: ExplorerTreeProvider, repo: RepositoryNode): Promise<vscode.TreeItem[]> {
  repo.invalidate();
  return itemsOf(provider, repo);
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

/** A mysql2 connection of the bench's own: the baseline is the driver's query() with no extension code around it. */
async function rawQueryRound(
  connection: mysql.Connection,
  sql: string,
  expected: number,
): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  const start = performance.now();
  const [result] = await connection.query(sql);
  const ms = performance.now() - start;
  const rows = result as Record<string, unknown>[];
  if (rows.length !== expected) throw new Error(`SHOW SNAPSHOT returned ${rows.length} rows; the repository holds ${expected}`);
  return { ms, rows: rows.map((row) => ({ ...row })) };
}

function timingOf(times: number[]): Timing {
  return { medianMs: Math.round(median(times) * 100) / 100, runsMs: times.map((ms) => Math.round(ms * 100) / 100) };
}

async function measure(): Promise<HostMeasurements> {
  const account = JSON.parse(env(TREE_BENCH_ENV.sandbox)) as SandboxAccount;
  const expected = Number(env(TREE_BENCH_ENV.snapshots));
  const repository = env(TREE_BENCH_ENV.repository);
  const runs = Number(process.env[TREE_BENCH_ENV.runs] || 3);
  const modelRuns = Number(process.env[TREE_BENCH_ENV.modelRuns] || 20);
  const sql = showSnapshots(repository).sql;
  const api: ExtensionApi = await activateApi();
  // Nobody answers dialogs here: any question (e.g. for a password) fails the run instead of hanging it.
  api.prompter = new ScriptedPrompter();
  const name = env(TREE_BENCH_ENV.connection);
  // The extension adds the seeded connection right after activation, the profile first, then its password.
  const profile = await waitFor(`the seeded connection "${name}"`, () => api.connections.listProfiles().find((p) => p.name === name));
  await waitFor(`the password of "${name}" in the secret storage`, () => api.connections.hasStoredPassword(profile.id));
  const config = vscode.workspace.getConfiguration('starrocksBackup');
  const pageSize = config.get<number>(PAGE_SETTING, 200);
  // The sandbox lists 10,000 snapshots in seconds to tens of seconds: more than the default query timeout on a busy machine.
  await config.update('queryTimeoutSeconds', 900, vscode.ConfigurationTarget.Global);

  // Baseline and end to end in alternation, so that both see the same load on the machine.
  const connection = await mysql.createConnection(account);
  const raw: number[] = [];
  const e2e: number[] = [];
  const again: number[] = [];
  let rows: Record<string, unknown>[] = [];
  let endToEndItems: vscode.TreeItem[] = [];
  let againItems: vscode.TreeItem[] = [];
  try {
    const realRepo = await repositoryNodeOf(api.tree, profile.id, repository);
    for (let i = 0; i < runs; i++) {
      const round = await rawQueryRound(connection, sql, expected);
      raw.push(round.ms);
      rows = round.rows;
      const start = performance.now();
      endToEndItems = await expand(api.tree, api.catalog, realRepo);
      e2e.push(performance.now() - start);
    }
    // Expanding again, through the extension's real connection and catalog, after the cold expansions above.
    // Each round waits for its background refresh (a full SHOW SNAPSHOT), hence a few rounds only.
    const againRuns = runs + 2;
    for (let i = 0; i <= againRuns; i++) {
      const start = performance.now();
      againItems = await expandAgain(api.tree, realRepo);
      const ms = performance.now() - start;
      if (i > 0) again.push(ms); // the first round warms up
      await realRepo.backgroundRefresh();
    }
  } finally {
    await connection.end();
  }

  const parse = await timed(modelRuns, () => parseSnapshotList(rows));
  if (parse.last.length !== rows.length)
    throw new Error(`parseSnapshotList returned ${parse.last.length} snapshots for ${rows.length} rows`);
  const replaying = new ReplayingConnections(api.connections, sql, rows);
  const catalog = new ServerCatalog(replaying);
  const provider = new ExplorerTreeProvider({ connections: replaying, jobs: api.jobs, catalog });
  try {
    const repo = await repositoryNodeOf(provider, profile.id, repository);
    const firstPage = await timed(modelRuns, () => expand(provider, catalog, repo));
    await config.update(PAGE_SETTING, 100_000, vscode.ConfigurationTarget.Global);
    repo.setFilter(undefined); // starts again at the first page, now of the new size
    const allItems = await timed(modelRuns, () => expand(provider, catalog, repo));
    await config.update(PAGE_SETTING, undefined, vscode.ConfigurationTarget.Global);
    return {
      vscodeVersion: vscode.version,
      snapshots: rows.length,
      pageSize,
      rawQuery: timingOf(raw),
      parse: { medianMs: parse.medianMs, runsMs: parse.runsMs },
      firstPage: { medianMs: firstPage.medianMs, runsMs: firstPage.runsMs, items: snapshotItems(firstPage.last).length },
      allItems: { medianMs: allItems.medianMs, runsMs: allItems.runsMs, items: snapshotItems(allItems.last).length },
      endToEnd: { ...timingOf(e2e), items: snapshotItems(endToEndItems).length },
      expandAgain: { ...timingOf(again), items: snapshotItems(againItems).length },
      firstLabels: snapshotItems(endToEndItems).slice(0, 2).map(labelOf),
      againLabels: snapshotItems(againItems).slice(0, 2).map(labelOf),
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
