import type { ConnectionService, StarRocksSession } from '../../connections/types';
import type { PartitionInfo, RepositoryInfo, SnapshotDetail, SnapshotSummary, TableInfo } from '../../starrocks/models';
import { parseDatabases, parseTables } from '../../starrocks/parsers/catalog';
import { parsePartitions } from '../../starrocks/parsers/partitions';
import { parseRepositories } from '../../starrocks/parsers/repositories';
import { parseSnapshotDetail, parseSnapshotList } from '../../starrocks/parsers/snapshots';
import { showDatabases, showPartitions, showRepositories, showSnapshots, showTables } from '../../starrocks/statements/show';

/**
 * Everything the tree and the workflows read from a server, as typed models. It only sends the
 * dialect's SHOW statements and hands the rows to the dialect's parsers; it keeps no state, so each
 * caller decides what to cache.
 */
export class ServerCatalog {
  constructor(private readonly connections: ConnectionService) {}

  session(profileId: string): Promise<StarRocksSession> {
    return this.connections.getSession(profileId);
  }

  async repositories(profileId: string): Promise<RepositoryInfo[]> {
    const session = await this.session(profileId);
    const { rows } = await session.query(showRepositories().sql);
    return parseRepositories(rows);
  }

  async repository(profileId: string, name: string): Promise<RepositoryInfo | undefined> {
    return (await this.repositories(profileId)).find((repo) => repo.name === name);
  }

  async snapshots(profileId: string, repository: string): Promise<SnapshotSummary[]> {
    const session = await this.session(profileId);
    const { rows } = await session.query(showSnapshots(repository).sql);
    return parseSnapshotList(rows);
  }

  async snapshotDetail(profileId: string, repository: string, label: string, timestamp: string): Promise<SnapshotDetail | undefined> {
    const session = await this.session(profileId);
    const { rows } = await session.query(showSnapshots(repository, { snapshot: label, timestamp }).sql);
    return parseSnapshotDetail(rows);
  }

  async databases(profileId: string): Promise<string[]> {
    const session = await this.session(profileId);
    const { rows } = await session.query(showDatabases().sql);
    return parseDatabases(rows);
  }

  async tables(profileId: string, database: string): Promise<TableInfo[]> {
    const session = await this.session(profileId);
    const { rows } = await session.query(showTables(database).sql);
    return parseTables(rows);
  }

  async partitions(profileId: string, database: string, table: string): Promise<PartitionInfo[]> {
    const session = await this.session(profileId);
    const { rows } = await session.query(showPartitions(database, table).sql);
    return parsePartitions(rows);
  }
}
