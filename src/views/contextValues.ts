/**
 * The `contextValue` vocabulary of the explorer tree. A node's context value is a space-separated
 * list of these words; `package.json` menus match single words with `viewItem =~ /\bword\b/`, so a
 * node can carry its kind and its state at once (`snapshot ok restorable`) and new words never
 * break existing `when` clauses. Each word is a node's kind, a placeholder's purpose (also part of its
 * id), or a state that a menu or a test reads; change them only together with package.json.
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
  plans: 'plansSection',
  plan: 'plan',
  drill: 'drill',
  // connection states
  connected: 'connected',
  disconnected: 'disconnected',
  error: 'error',
  /** The connection goes through an SSH tunnel (Forget SSH Host Key applies). */
  sshTunnel: 'sshTunnel',
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
  backupJob: 'backupJob',
  restoreJob: 'restoreJob',
  // plan and drill states
  lastRunFailed: 'lastRunFailed',
  drillVerified: 'drillVerified',
  drillDiffers: 'drillDiffers',
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
