import * as vscode from 'vscode';
import { isUnknownWriteOutcome } from '../../../connections/connectionError';
import { rememberStorageAccess } from '../../../connections/repositoryStorageAccess';
import { settleUnknownCreate } from '../../../connections/unknownCreate';
import { nameFix, validateName } from '../../../starrocks/identifiers';
import { validateLocation } from '../../../starrocks/location';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import { buildCreateRepository, type CreateRepositorySpec } from '../../../starrocks/builders/repository';
import { isAnswered, MultiStepInput, stepsFor, type WizardStep } from '../../../ui/multiStepInput';
import { EXPLORER_VIEW_ID } from '../../commandIds';
import { chooseConnection, connectionName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import { openOrCopy, previewStatement } from '../common/sqlPreview';
import { withUsageNotes } from '../common/usageNotes';
import { runStatement } from '../common/submit';
import { chosenCredentials, credentialSteps, type CredentialState } from './credentialSteps';

/** What the caller already knows; the matching questions are skipped (migration fixes all but the credentials). */
export interface CreateRepositoryPreset {
  profileId?: string;
  name?: string;
  location?: string;
  readOnly?: boolean;
  reusable?: CredentialState['reusable'];
}

interface CreateRepositoryState extends CredentialState {
  profileId?: string;
  name?: string;
  location?: string;
  readOnly?: boolean;
  existingNames?: Set<string>;
}

/**
 * Create Repository…: connection → name → location → credential method (and its fields) →
 * read-only? → preview → run. After CREATE REPOSITORY succeeded, keys go to SecretStorage and the
 * endpoint settings next to the profile, so the storage features can reach the same bucket.
 */
export async function createRepositoryWorkflow(deps: WorkflowDeps, preset: CreateRepositoryPreset = {}): Promise<WorkflowOutcome> {
  const state: CreateRepositoryState = { ...preset };
  const title =
    preset.readOnly && preset.name ? vscode.l10n.t('Create Read-Only Repository {0}', preset.name) : vscode.l10n.t('Create Repository');
  const result = await MultiStepInput.run(deps.prompter, { title, steps: createRepositorySteps(deps, preset) }, state);
  const credentials = chosenCredentials(state);
  if (result === 'cancelled' || !isAnswered(state, ['profileId', 'name', 'location']) || !credentials) {
    return CANCELLED;
  }
  const session = await deps.connections.getSession(state.profileId);
  const spec: CreateRepositorySpec = { name: state.name, location: state.location, readOnly: state.readOnly ?? false, credentials };
  const statement = withUsageNotes(
    buildCreateRepository(spec, session.server.capabilities),
    iamNotes(state.location, state.readOnly ?? false),
  );
  const where = connectionName(deps, state.profileId);
  const choice = await previewStatement(deps.prompter, statement, vscode.l10n.t('Create repository {0} on {1}?', state.name, where));
  if (!choice) return CANCELLED;
  if (choice !== 'run') {
    await openOrCopy(choice, statement);
    return { status: choice === 'open' ? 'opened' : 'copied', sql: statement.display };
  }
  await create(deps, state.profileId, spec, statement);
  return { status: 'submitted', sql: statement.display };
}

async function create(deps: WorkflowDeps, profileId: string, spec: CreateRepositorySpec, statement: BuiltStatement): Promise<void> {
  const keep = (): Promise<void> => rememberStorageAccess(deps.connections, profileId, spec.name, spec.credentials);
  try {
    // CREATE REPOSITORY is synchronous: the FE reaches the storage before it answers.
    await runStatement(deps, profileId, statement, vscode.l10n.t('Creating repository {0} (the cluster checks the location)…', spec.name));
  } catch (error) {
    if (!isUnknownWriteOutcome(error)) throw error;
    // No answer: it may have been created all the same. Never sent again; looked for instead.
    const session = await deps.connections.getSession(profileId);
    const settled = await vscode.window.withProgress(
      { location: { viewId: EXPLORER_VIEW_ID }, title: vscode.l10n.t('Checking whether repository {0} was created…', spec.name) },
      () => settleUnknownCreate(session, spec.name, error, keep, vscode.l10n.t),
    );
    deps.explorer.refreshRepository(profileId);
    if (!settled.created) throw settled.error;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Repository {0} was created on {1}: the statement got no answer in time, but SHOW REPOSITORIES lists it now. Its S3 access was kept.',
        spec.name,
        connectionName(deps, profileId),
      ),
    );
    return;
  }
  await keep();
  deps.explorer.refreshRepository(profileId);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Repository {0} was created on {1}.', spec.name, connectionName(deps, profileId)),
  );
}

/** For an S3 location: the IAM policy the cluster's role or user needs, and where to get it. */
function iamNotes(location: string, readOnly: boolean): string[] {
  if (!/^s3[an]?:\/\//i.test(location.trim())) return [];
  return [
    readOnly
      ? vscode.l10n.t("The cluster's IAM role or user needs the guide's read policy (s3:ListBucket, s3:GetObject) on the bucket.")
      : vscode.l10n.t(
          "The cluster's IAM role or user needs s3:ListBucket and s3:GetObject on the bucket, and s3:PutObject, s3:DeleteObject and s3:AbortMultipartUpload on the repository's keys to back up.",
        ),
    vscode.l10n.t('Show IAM Policies for a Bucket… writes both policies for {0}.', location.trim()),
  ];
}

const step = stepsFor<CreateRepositoryState>();

/** The steps, in the order they are asked; what the preset fixes is not asked. */
function createRepositorySteps(deps: WorkflowDeps, preset: CreateRepositoryPreset): WizardStep<CreateRepositoryState>[] {
  const connectionStep = step({ name: 'connection', when: () => preset.profileId === undefined }, async (input, state) => {
    state.profileId = await chooseConnection(input, deps, vscode.l10n.t('Connection to create the repository on'));
    state.existingNames = undefined;
  });

  const nameStep = step({ name: 'name', needs: ['profileId'], when: () => preset.name === undefined }, async (input, state) => {
    const profileId = state.profileId;
    state.existingNames ??= new Set((await deps.catalog.repositories(profileId)).map((r) => r.name));
    const existing = state.existingNames;
    const value = await input.input({
      prompt: vscode.l10n.t('Name of the repository. Clusters that share snapshots must use the same name and location.'),
      placeholder: vscode.l10n.t('Repository name'),
      value: state.name,
      validate: (text) => {
        const name = text.trim();
        const invalid = validateName('repository', name);
        if (invalid) return `${invalid}. ${nameFix('repository')}`;
        return existing.has(name) ? vscode.l10n.t('repository with same name already exist: {0}', name) : undefined;
      },
    });
    state.name = value.trim();
  });

  const locationStep = step({ name: 'location', when: () => preset.location === undefined }, async (input, state) => {
    const value = await input.input({
      prompt: vscode.l10n.t('Bucket and path of the repository, e.g. s3a://my-bucket/backups (s3:// is changed to s3a://)'),
      placeholder: 's3a://bucket/path',
      value: state.location,
      validate: (text) => validateLocation(text.trim())[0]?.message,
    });
    // Kept as typed: the builder converts s3:// to s3a:// and says so in the preview's notes.
    state.location = value.trim();
  });

  const readOnlyStep = step({ name: 'read-only', when: () => preset.readOnly === undefined }, async (input, state) => {
    const items = [
      {
        label: vscode.l10n.t('Read-write'),
        description: vscode.l10n.t('BACKUP and RESTORE'),
        detail: vscode.l10n.t('IAM: s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, s3:AbortMultipartUpload'),
        readOnly: false,
      },
      {
        label: vscode.l10n.t('Read-only'),
        description: vscode.l10n.t('RESTORE only: snapshots another cluster writes (migration)'),
        detail: vscode.l10n.t("IAM: the guide's policy, s3:ListBucket and s3:GetObject"),
        readOnly: true,
      },
    ];
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('May this cluster write backups to the repository?'),
      activeItem: items.find((i) => i.readOnly === state.readOnly),
    });
    state.readOnly = picked.readOnly;
  });

  return [connectionStep, nameStep, locationStep, ...credentialSteps<CreateRepositoryState>(), readOnlyStep];
}
