/**
 * Cluster-level statements: SHOW FRONTENDS, ADMIN SHOW FRONTEND CONFIG (how clients detect
 * shared-data mode via `run_mode`), SHOW GRANTS, GRANT / REVOKE, SHOW PROCESSLIST / STATUS.
 */
import type { Statement } from '../../sql/ast';
import { formatDateTime } from '../../util/timeFormat';
import { likeToRegExp } from '../evaluator';
import { OK, varcharResult, type ResultSet } from '../resultSet';
import type { ExecContext } from './context';

type Stmt<T extends Statement['type']> = Extract<Statement, { type: T }>;

const startedAt = new Date();

export function showFrontends(ctx: ExecContext): ResultSet {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'OPERATE' });
  const columns = [
    'Name',
    'IP',
    'EditLogPort',
    'HttpPort',
    'QueryPort',
    'RpcPort',
    'Role',
    'ClusterId',
    'Join',
    'Alive',
    'ReplayedJournalId',
    'LastHeartbeat',
    'IsHelper',
    'ErrMsg',
    'StartTime',
    'Version',
  ];
  const row = [
    '127.0.0.1_9010_sandbox',
    '127.0.0.1',
    '9010',
    '8030',
    '9030',
    '9020',
    'LEADER',
    ctx.fe.clusterId,
    'true',
    'true',
    '1',
    formatDateTime(new Date()),
    'true',
    '',
    formatDateTime(startedAt),
    ctx.fe.profile.currentVersion,
  ];
  return varcharResult(columns, [row]);
}

/** Rows: Key, AliasNames, Value, Type, IsMutable, Comment — as `ADMIN SHOW FRONTEND CONFIG`. */
export function adminShowConfig(ctx: ExecContext, stmt: Stmt<'adminShowConfig'>): ResultSet {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'OPERATE' });
  const config: [string, string, string, string][] = [
    ['run_mode', ctx.fe.sharedData ? 'shared_data' : 'shared_nothing', 'String', 'false'],
    ['backup_job_default_timeout_ms', '86400000', 'int', 'true'],
    ['history_job_keep_max_second', '604800', 'int', 'true'],
    ['max_backup_restore_job_num_per_db', '10', 'int', 'true'],
    ['enable_backup_materialized_view', 'false', 'boolean', 'true'],
  ];
  const like = stmt.like !== undefined ? likeToRegExp(stmt.like) : undefined;
  const rows = config
    .filter(([key]) => !like || like.test(key))
    .map(([key, value, type, mutable]) => [key, '[]', value, type, mutable, '']);
  return varcharResult(['Key', 'AliasNames', 'Value', 'Type', 'IsMutable', 'Comment'], rows);
}

/**
 * SHOW GRANTS in the shape of the version: before 3.0 one row of the old privilege tables
 * (`GlobalPrivs` such as `Node_priv Admin_priv  (false)`); from 3.0 one `GRANT …` statement per
 * row — the built-in role of a superuser (`GRANT 'root' TO 'root'@'%'`), privileges on objects
 * as `GRANT … TO USER 'u'@'%'` in the default catalog.
 */
export function showGrants(ctx: ExecContext, stmt: Stmt<'showGrants'>): ResultSet {
  const user = stmt.user ?? ctx.session.user;
  const shown = ctx.fe.accounts.shownGrants(user);
  const identity = `'${user}'@'%'`;
  if (!ctx.fe.profile.rbac) {
    const admin = shown?.superuser || shown?.grants.some((g) => /^ADMIN(_PRIV)?\b/i.test(g));
    const global = shown?.superuser ? 'Node_priv Admin_priv  (false)' : admin ? 'Admin_priv  (false)' : null;
    return varcharResult(
      ['UserIdentity', 'Password', 'GlobalPrivs', 'DatabasePrivs', 'TablePrivs', 'ResourcePrivs'],
      shown ? [[identity, 'Yes', global, null, null, null]] : [],
    );
  }
  const rows: (string | null)[][] = [];
  if (shown?.superuser) rows.push([identity, null, `GRANT 'root' TO ${identity}`]);
  for (const grant of shown?.grants ?? []) {
    if (/^ADMIN(_PRIV)?\b/i.test(grant)) continue; // the pre-3.0 privilege has no RBAC form
    rows.push([identity, 'default_catalog', `GRANT ${grant} TO USER ${identity}`]);
  }
  return varcharResult(['UserIdentity', 'Catalog', 'Grants'], rows);
}

export function grant(ctx: ExecContext, stmt: Stmt<'grant'>): ResultSet {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'GRANT' });
  if (!ctx.fe.accounts.grant(stmt.user, stmt.privileges, stmt.object, stmt.revoke)) {
    throw ctx.fe.errors.analyzing(`cannot find user '${stmt.user}'@'%'`);
  }
  return OK;
}

export function showProcesslist(ctx: ExecContext): ResultSet {
  const columns = ['Id', 'User', 'Host', 'Db', 'Command', 'ConnectionStartTime', 'Time', 'State', 'Info'];
  return varcharResult(columns, [
    [
      String(ctx.session.connectionId),
      ctx.session.user,
      '127.0.0.1',
      ctx.session.database ?? null,
      'Query',
      formatDateTime(new Date()),
      '0',
      'OK',
      'SHOW PROCESSLIST',
    ],
  ]);
}

export function showStatus(): ResultSet {
  return varcharResult(['Variable_name', 'Value'], []);
}
