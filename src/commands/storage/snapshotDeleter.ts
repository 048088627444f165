import type { S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { RepositoryInfo } from '../../starrocks/models';
import { dropSnapshot } from '../../starrocks/builders/dropSnapshot';
import { executeDeletion, planSnapshotDeletion, type DeletionPlan, type DeletionResult, type ExecuteOptions } from '../../storage/deletion';
import type { ResolvedRepository as StorageRepository } from '../../storage/repository';
import type { RepositoryTarget } from '../../storage/sizeService';
import { errorText } from '../../ui/errorText';
import { WorkflowRefusal } from '../workflows/common/guard';
import type { StorageDeps } from './deps';
import { locateRepository, requireClient, storageTargetOf } from './storageTarget';

const t = vscode.l10n.t;

/**
 * How snapshots of one repository are deleted: `DROP SNAPSHOT` on 4.2+ servers (the server also
 * forgets its own records), otherwise the S3 batch delete of `__ss_<label>/`. With S3 credentials
 * the storage side is also used on 4.2+ to show what will go before anything is deleted.
 */
export class SnapshotDeleter {
  private constructor(
    private readonly deps: StorageDeps,
    readonly profileId: string,
    readonly repository: RepositoryInfo,
    readonly target: RepositoryTarget,
    readonly useDropSnapshot: boolean,
    private readonly client: S3Client | undefined,
    private readonly located: StorageRepository | undefined,
  ) {}

  /** Undefined when S3 credentials are needed and the user declined to set them. */
  static async create(
    deps: StorageDeps,
    profileId: string,
    repository: RepositoryInfo,
    signal?: AbortSignal,
  ): Promise<SnapshotDeleter | undefined> {
    const target = storageTargetOf(profileId, repository);
    const session = await deps.connections.getSession(profileId);
    const useDrop = session.server.capabilities.dropSnapshot;
    const client = useDrop ? await deps.clients.clientFor(target) : await requireClient(deps, target);
    if (!useDrop && !client) return undefined;
    const located = client ? await locateRepository(client, target, signal) : undefined;
    return new SnapshotDeleter(deps, profileId, repository, target, useDrop, client, located);
  }

  get method(): string {
    return this.useDropSnapshot
      ? t('DROP SNAPSHOT on the server')
      : t('the S3 batch delete of the snapshot folder (this server has no DROP SNAPSHOT before 4.2)');
  }

  /** What would go, when the bucket can be read. */
  async plan(label: string, signal?: AbortSignal): Promise<DeletionPlan | undefined> {
    if (!this.client || !this.located) return undefined;
    return planSnapshotDeletion(this.client, this.located, label, { signal });
  }

  /** `DROP SNAPSHOT label ON repo [FORCE]`; returns the statement as shown, or throws the server's error. */
  async drop(label: string, force: boolean): Promise<string> {
    const session = await this.deps.connections.getSession(this.profileId);
    const statement = dropSnapshot(label, this.repository.name, force, session.server.capabilities);
    this.deps.log.info(`Running ${statement.display}`);
    await session.query(statement.sql);
    return statement.display;
  }

  /** Deletes the plan's objects in batches; the plan must come from `plan()` of this repository. */
  async deleteFiles(plan: DeletionPlan, options: ExecuteOptions): Promise<DeletionResult> {
    if (!this.client) throw new WorkflowRefusal(t('Repository {0} has no S3 credentials.', this.repository.name));
    const result = await executeDeletion(this.client, plan, options);
    this.deps.log.info(
      `Deleted ${result.deleted} of ${result.requested} object(s) of snapshot ${plan.label} in repository ${this.repository.name}${result.error ? `; stopped: ${result.error}` : ''}.`,
    );
    return result;
  }

  /** Forgets sizes and re-reads the repository in the tree once something was deleted. */
  afterDelete(label: string): void {
    this.deps.sizes.invalidate(this.target, label);
    this.deps.explorer.refreshRepository(this.profileId, this.repository.name);
  }
}

/** True when DROP SNAPSHOT failed only because the snapshot belongs to another cluster (or predates 4.2). */
export function needsForce(error: unknown): boolean {
  return /FORCE/.test(errorText(error)) && /cluster/i.test(errorText(error));
}
