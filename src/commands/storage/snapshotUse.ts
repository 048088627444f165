import * as vscode from 'vscode';
import type { JobRow, RepositoryInfo } from '../../starrocks/models';
import { mayShareFiles, type RepositoryPlace } from '../../storage/sharedRepository';
import { errorText, isUserCancellation } from '../../ui/errorText';
import { connectionName } from '../workflows/common/choices';
import { WorkflowRefusal } from '../workflows/common/guard';
import type { StorageDeps } from './deps';
import { inUseMessage, runningJobsFor } from './labelsInUse';

const t = vscode.l10n.t;

/** A running BACKUP/RESTORE that uses a snapshot, and the connection it runs on. */
export interface SnapshotUser {
  profileId: string;
  job: JobRow;
}

/** What the clusters that share a repository's files say about some of its snapshots, read just now. */
export interface SnapshotUse {
  /** Label → a running job that uses it, on this connection or another one over the same files. */
  inUse: Map<string, SnapshotUser>;
  /** Connections that could not be asked (unreachable, or the check failed), with why. */
  unchecked: { profileId: string; reason: string }[];
}

/**
 * Asks every configured connection whose repository holds the same files (same name, same
 * normalised location, endpoints that do not differ — `mayShareFiles`) for its running jobs,
 * fresh from the server: with migration, a second cluster with a READ ONLY repository over the
 * same location may be restoring the very snapshot about to be deleted. The repository's own
 * connection must answer (its failure is thrown); another one that cannot be reached, or whose
 * repositories or jobs cannot be read, is reported in `unchecked`, since it might use the
 * snapshot. The connections are asked at once, so the slowest bounds the wait.
 */
export async function readSnapshotUse(
  deps: StorageDeps,
  profileId: string,
  repository: RepositoryInfo,
  labels: readonly string[],
): Promise<SnapshotUse> {
  const ours: RepositoryPlace = {
    name: repository.name,
    location: repository.location,
    endpoint: deps.connections.getS3Endpoint(profileId, repository.name)?.endpoint,
  };
  const others = deps.connections.listProfiles().filter((profile) => profile.id !== profileId);
  const [own, ...elsewhere] = await Promise.all([
    runningJobsFor(deps, profileId, labels),
    ...others.map((profile) => jobsOnSharingConnection(deps, profile.id, ours, labels)),
  ]);
  const use: SnapshotUse = { inUse: new Map(), unchecked: [] };
  const record = (id: string, jobs: Map<string, JobRow>) => {
    for (const [label, job] of jobs) if (!use.inUse.has(label)) use.inUse.set(label, { profileId: id, job });
  };
  record(profileId, own);
  elsewhere.forEach((result, index) => {
    if ('unchecked' in result) use.unchecked.push({ profileId: others[index].id, reason: result.unchecked });
    else record(others[index].id, result.jobs);
  });
  return use;
}

async function jobsOnSharingConnection(
  deps: StorageDeps,
  profileId: string,
  ours: RepositoryPlace,
  labels: readonly string[],
): Promise<{ jobs: Map<string, JobRow> } | { unchecked: string }> {
  try {
    const repositories = await deps.catalog.repositories(profileId);
    const sharing = repositories.some((repo) =>
      mayShareFiles(ours, {
        name: repo.name,
        location: repo.location,
        endpoint: deps.connections.getS3Endpoint(profileId, repo.name)?.endpoint,
      }),
    );
    return { jobs: sharing ? await runningJobsFor(deps, profileId, labels) : new Map() };
  } catch (error) {
    deps.log.warn(`Could not check ${connectionName(deps, profileId)} for jobs using snapshots of ${ours.name}: ${errorText(error)}`);
    return { unchecked: isUserCancellation(error) ? t('its password was not entered') : errorText(error) };
  }
}

/**
 * The explicit choice to go on when some connections could not be checked: a modal whose one
 * action deletes; Not Now (the default), Cancel or Escape delete nothing. True when there was
 * nothing to ask or the user chose to delete anyway.
 */
async function confirmUnchecked(deps: StorageDeps, unchecked: SnapshotUse['unchecked'], what: string): Promise<boolean> {
  if (unchecked.length === 0) return true;
  const names = unchecked.map((u) => connectionName(deps, u.profileId));
  const proceed = t('Delete Anyway');
  const answer = await deps.prompter.confirm(
    t('Could not check {0} for jobs that use {1}.', names.join(', '), what),
    `${unchecked.map((u) => `${connectionName(deps, u.profileId)}: ${u.reason}`).join('\n')}\n\n${t(
      'A cluster with a repository over the same location may be restoring from it right now; deleting it would make that restore fail. Check those connections (or make them reachable) first, or delete anyway if you know they do not use it.',
    )}`,
    proceed,
  );
  return answer === proceed;
}

/**
 * The use of `labels` read right before deleting, with the user's explicit choice for every
 * connection that could not be checked. While the modal was open a job may have started, so after
 * "Delete Anyway" the connections are read once more (asking again only about new failures).
 * Undefined when the user declined.
 */
export async function readSnapshotUseBeforeDeleting(
  deps: StorageDeps,
  profileId: string,
  repository: RepositoryInfo,
  labels: readonly string[],
  what: string,
): Promise<SnapshotUse | undefined> {
  const accepted = new Set<string>();
  for (;;) {
    const use = await readSnapshotUse(deps, profileId, repository, labels);
    const unasked = use.unchecked.filter((u) => !accepted.has(u.profileId));
    if (unasked.length === 0) return use;
    if (!(await confirmUnchecked(deps, unasked, what))) return undefined;
    unasked.forEach((u) => accepted.add(u.profileId));
  }
}

/**
 * For one snapshot: refuses when a job on any connection over the same files uses it; with
 * `askUnchecked` (right before deleting) also asks before going on when a connection could not be
 * checked. False when the user declined.
 */
export async function checkSnapshotUnused(
  deps: StorageDeps,
  profileId: string,
  repository: RepositoryInfo,
  label: string,
  options: { askUnchecked: boolean },
): Promise<boolean> {
  const use = options.askUnchecked
    ? await readSnapshotUseBeforeDeleting(deps, profileId, repository, [label], t('snapshot {0}', label))
    : await readSnapshotUse(deps, profileId, repository, [label]);
  if (!use) return false;
  const user = use.inUse.get(label);
  if (user) throw new WorkflowRefusal(inUseMessage(deps, user.profileId, user.job));
  return true;
}
