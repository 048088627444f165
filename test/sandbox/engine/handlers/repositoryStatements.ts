/** CREATE [READ ONLY] REPOSITORY, DROP REPOSITORY and SHOW REPOSITORIES (spec §2.1–2.3, §3.4). */
import { RepositoryInitError } from '../../repository/repositoryManager';
import type { CreateRepositoryStmt } from '../../sql/ast';
import { OK, varcharResult, type ResultSet } from '../resultSet';
import type { ExecContext } from './context';

/** `FeNameFormat.checkCommonName`: a letter, then letters, digits or `_`, at most 64 characters. */
const COMMON_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

export function isCommonName(name: string): boolean {
  return COMMON_NAME.test(name);
}

export async function createRepository(ctx: ExecContext, stmt: CreateRepositoryStmt): Promise<ResultSet> {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  if (!isCommonName(stmt.name)) throw ctx.fe.errors.analyzing(`Incorrect repository name '${stmt.name}'`);
  if (!stmt.location) throw ctx.fe.errors.analyzing('You must specify a location on the repository');
  // The sandbox has no brokers: a named broker is unknown, as on a cluster without one.
  if (stmt.broker !== undefined) throw ctx.fe.errors.handler(`broker does not exist: ${stmt.broker}`);
  try {
    await ctx.fe.repositories.create({
      name: stmt.name,
      location: stmt.location,
      readOnly: stmt.readOnly,
      broker: stmt.broker,
      properties: stmt.properties,
    });
  } catch (e) {
    if (e instanceof RepositoryInitError) throw ctx.fe.errors.handler(`Failed to create repository: ${e.message}`);
    throw e;
  }
  return OK;
}

export function dropRepository(ctx: ExecContext, name: string): ResultSet {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  if (!ctx.fe.repositories.get(name)) throw ctx.fe.errors.analyzing('Repository does not exist');
  if (ctx.fe.jobs.runningJobs().some((job) => job.repoName === name)) {
    throw ctx.fe.errors.handler('Backup or restore job is running on this repository. Can not drop it');
  }
  // Only the FE's metadata goes; the files on storage stay (spec §2.2).
  ctx.fe.repositories.drop(name);
  return OK;
}

export function showRepositories(ctx: ExecContext): ResultSet {
  const rows = ctx.fe.repositories
    .all()
    .map((r) => [String(r.id), r.name, r.createTime, String(r.readOnly), r.location, r.broker ?? null, r.errMsg ?? null]);
  return varcharResult(['RepoId', 'RepoName', 'CreateTime', 'IsReadOnly', 'Location', 'Broker', 'ErrMsg'], rows);
}
