/**
 * What the tree benchmark's two halves exchange: the Node side (test/bench/treeModel.ts) prepares
 * the sandbox and the SHOW SNAPSHOT rows, the extension-host side (host.ts, where `vscode` exists)
 * times the tree's own code. They talk through code-server's environment and two files.
 */
export const TREE_BENCH_ENV = {
  /** JSON file with the SHOW SNAPSHOT rows exactly as mysql2 returned them. */
  rows: 'SR_BENCH_TREE_ROWS',
  /** JSON file the host writes its `HostMeasurements` (or `{ error }`) to. */
  result: 'SR_BENCH_TREE_RESULT',
  /** The repository holding the snapshots. */
  repository: 'SR_BENCH_TREE_REPOSITORY',
  /** Name of the seeded connection to the sandbox. */
  connection: 'SR_BENCH_TREE_CONNECTION',
  /** Measured rounds of the model timings (end-to-end rounds: SR_BENCH_TREE_E2E_RUNS). */
  runs: 'SR_BENCH_TREE_RUNS',
  e2eRuns: 'SR_BENCH_TREE_E2E_RUNS',
} as const;

export interface Timing {
  medianMs: number;
  runsMs: number[];
}

export interface HostMeasurements {
  vscodeVersion: string;
  snapshots: number;
  pageSize: number;
  /** `parseSnapshotList(rows)` alone. */
  parse: Timing;
  /** Expanding the repository node with the query answered from memory: parse, sort, page, nodes and TreeItems of the first page. */
  firstPage: Timing & { items: number };
  /** The same with a page size that shows every snapshot (10,000 TreeItems). */
  allItems: Timing & { items: number };
  /** Expanding the repository node through the extension's real connection to the sandbox. */
  endToEnd: Timing & { items: number };
  /** Labels of the first two snapshot items, checked against the fixture (newest first). */
  firstLabels: string[];
}
