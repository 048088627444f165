/**
 * What the tree benchmark's two halves exchange: the Node side (test/bench/treeModel.ts) prepares
 * the sandbox and its repository, the extension-host side (host.ts, where `vscode` exists) times
 * the raw query and the tree's own code. They talk through code-server's environment and a file.
 */
export const TREE_BENCH_ENV = {
  /** JSON `{ host, port, user, password }` of the sandbox (a throw-away test account) for the raw mysql2 baseline. */
  sandbox: 'SR_BENCH_TREE_SANDBOX',
  /** How many snapshots the repository holds (every answer is checked against it). */
  snapshots: 'SR_BENCH_TREE_SNAPSHOTS',
  /** JSON file the host writes its `HostMeasurements` (or `{ error }`) to. */
  result: 'SR_BENCH_TREE_RESULT',
  /** The repository holding the snapshots. */
  repository: 'SR_BENCH_TREE_REPOSITORY',
  /** Name of the seeded connection to the sandbox. */
  connection: 'SR_BENCH_TREE_CONNECTION',
  /** Rounds of the raw query and the end-to-end expansion, measured in pairs. */
  runs: 'SR_BENCH_TREE_RUNS',
  /** Rounds of the in-memory tree timings. */
  modelRuns: 'SR_BENCH_TREE_MODEL_RUNS',
} as const;

export interface SandboxAccount {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface Timing {
  medianMs: number;
  runsMs: number[];
}

export interface HostMeasurements {
  vscodeVersion: string;
  snapshots: number;
  pageSize: number;
  /** The baseline: mysql2 `query()` of SHOW SNAPSHOT, alternating with the end-to-end rounds. */
  rawQuery: Timing;
  /** `parseSnapshotList(rows)` alone. */
  parse: Timing;
  /** Expanding the repository node with the query answered from memory: parse, sort, page, nodes and TreeItems of the first page. */
  firstPage: Timing & { items: number };
  /** The same with a page size that shows every snapshot (10,000 TreeItems). */
  allItems: Timing & { items: number };
  /** Expanding the repository node through the extension's real connection to the sandbox. */
  endToEnd: Timing & { items: number };
  /**
   * Expanding the repository again after its node dropped its data (as when the connection
   * closed): the first page from the list the catalog read before, the server asked in the
   * background (not timed; each round waits for it before the next).
   */
  expandAgain: Timing & { items: number };
  /** Labels of the first two snapshot items, checked against the fixture (newest first). */
  firstLabels: string[];
  /** The same for the expansion again. */
  againLabels: string[];
}
