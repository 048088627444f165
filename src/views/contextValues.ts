/**
 * The `contextValue` vocabulary of the explorer tree. A node's context value is a space-separated
 * list of these words; `package.json` menus match single words with `viewItem =~ /\bword\b/`, so a
 * node can carry its kind and its state at once (`snapshot ok restorable`) and new words never
 * break existing `when` clauses. Other parts of the extension (storage, jobs) rely on these words:
 * change them only together with package.json.
 */
export const Ctx = {
  // kinds
  connection: 'connection',
  repository: 'repository',
  snapshot: 'snapshot',
  snapshotDatabase: 'snapshotDatabase',
  snapshotTable: 'snapshotTable',
  snapshotPartition: 'snapshotPartition',
  jobs: 'jobsSection',
  job: 'job',
  placeholder: 'placeholder',
  // connection states
  connected: 'connected',
  disconnected: 'disconnected',
  error: 'error',
  // repository states
  readOnly: 'readonly',
  writable: 'writable',
  filtered: 'filtered',
  pingError: 'pingError',
  // snapshot states
  ok: 'ok',
  incomplete: 'incomplete',
  restorable: 'restorable',
  // job states and kinds
  running: 'running',
  ended: 'ended',
  backupJob: 'backupJob',
  restoreJob: 'restoreJob',
  // placeholder purposes
  createRepository: 'createRepository',
  backup: 'backup',
  showMore: 'showMore',
  noMatch: 'noMatch',
  /** An empty level with nothing to offer (a read-only repository without snapshots). */
  empty: 'empty',
  noJobs: 'noJobs',
  loadError: 'loadError',
} as const;

export type CtxWord = (typeof Ctx)[keyof typeof Ctx];

/** Joins the words that apply; falsy entries are skipped so callers can write `cond && Ctx.x`. */
export function contextValue(...words: (CtxWord | false | undefined)[]): string {
  return words.filter((w): w is CtxWord => typeof w === 'string').join(' ');
}

/** True when a context value carries a word, with the same word-boundary rule as the `when` clauses. */
export function hasContextWord(value: string | undefined, word: CtxWord): boolean {
  return (value ?? '').split(/\s+/).includes(word);
}
