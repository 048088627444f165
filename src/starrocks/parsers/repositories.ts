/** SHOW REPOSITORIES: `RepoId, RepoName, CreateTime, IsReadOnly, Location, Broker, ErrMsg`. */
import { RepositoryInfo } from '../models';
import { cellBoolean, cellNonEmpty, cellText, cellTime, Row, TimeOptions } from './cells';

export function parseRepository(row: Row, options?: TimeOptions): RepositoryInfo {
  return {
    id: cellText(row, 'RepoId') ?? '',
    name: cellText(row, 'RepoName') ?? '',
    createTime: cellTime(row, 'CreateTime', options),
    readOnly: cellBoolean(row, 'IsReadOnly') ?? false,
    location: (cellText(row, 'Location') ?? '').replace(/\/+$/, ''),
    // No broker shows as "" or NULL (which one is UNVERIFIED, spec §3.4); both mean none.
    broker: cellNonEmpty(row, 'Broker'),
    errorMessage: cellNonEmpty(row, 'ErrMsg'),
  };
}

/** Repositories sorted by name; rows without a name are dropped. */
export function parseRepositories(rows: readonly Row[], options?: TimeOptions): RepositoryInfo[] {
  return rows
    .map((row) => parseRepository(row, options))
    .filter((repo) => repo.name !== '')
    .sort((a, b) => a.name.localeCompare(b.name));
}
