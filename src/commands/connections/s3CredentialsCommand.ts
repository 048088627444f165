import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connections/connectionManager';
import type { ConnectionProfile, S3CredentialSource, S3EndpointSettings } from '../../connections/types';
import { readRepositories } from '../../starrocks/reads';
import { validateName } from '../../starrocks/identifiers';
import { isAnswered, MultiStepInput, stepsFor, type WizardStep } from '../../ui/multiStepInput';
import type { Prompter, ValuedPick } from '../../ui/prompter';
import { repositoryOf, targetProfile } from './commandTarget';
import type { ConnectionCommandDeps } from './profileCommands';

const t = vscode.l10n.t;

type Source = 'keys' | 'defaultChain' | 'remove';

interface S3State {
  repository?: string;
  /** The repository name was typed rather than picked (one more step). */
  typedName?: boolean;
  source?: Source;
  accessKeyId?: string;
  secretAccessKey?: string;
  custom?: boolean;
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
}

const step = stepsFor<S3State>();

/** Keys are asked unless the default chain was chosen (or deletion). */
const asksKeys = (s: S3State): boolean => s.source !== 'defaultChain' && s.source !== 'remove';
/** The endpoint questions, unless the stored credentials are being deleted. */
const asksEndpoint = (s: S3State): boolean => s.source !== 'remove';

/**
 * Set S3 Credentials…: how the extension itself reads a repository's bucket (snapshot sizes,
 * deleting snapshot files). Access key + secret key (the secret goes to SecretStorage) or the
 * default AWS credential chain, plus the endpoint of an S3-compatible store. Invoked on a
 * repository node, on a connection node, or from the palette.
 */
export async function setS3Credentials(
  { manager, prompter }: ConnectionCommandDeps,
  arg: unknown,
): Promise<S3CredentialSource | 'removed' | undefined> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection of the repository'));
  if (!profile) return undefined;
  const flow = new S3CredentialsFlow(manager, prompter, profile, repositoryOf(arg));
  return flow.run();
}

class S3CredentialsFlow {
  private readonly state: S3State;
  private existing: S3CredentialSource | undefined;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly prompter: Prompter,
    private readonly profile: ConnectionProfile,
    private readonly fixedRepository: string | undefined,
  ) {
    this.state = { repository: fixedRepository };
  }

  async run(): Promise<S3CredentialSource | 'removed' | undefined> {
    if (this.fixedRepository) await this.loadExisting(this.fixedRepository);
    const title = t('S3 Credentials ({0})', this.profile.name);
    const result = await MultiStepInput.run(this.prompter, { title, steps: this.steps }, this.state);
    if (result !== 'done' || !this.state.repository) return undefined;
    return this.save(this.state.repository);
  }

  /** The steps, in the order they are asked; each one's guard says whether it is. */
  private get steps(): WizardStep<S3State>[] {
    return [
      this.askRepository,
      this.askRepositoryName,
      this.askSource,
      this.askAccessKey,
      this.askSecretKey,
      this.askEndpointKind,
      this.askEndpoint,
      this.askRegion,
      this.askPathStyle,
    ];
  }

  private async save(repository: string): Promise<S3CredentialSource | 'removed' | undefined> {
    const s = this.state;
    if (s.source === 'remove') {
      await this.manager.deleteS3Credentials(this.profile.id, repository);
      // The repository's own credential record (for Copy SQL) is not the extension's access: kept.
      await this.manager.setS3Endpoint(this.profile.id, repository, {
        repositoryAuth: this.manager.getS3Endpoint(this.profile.id, repository)?.repositoryAuth,
      });
      void vscode.window.showInformationMessage(t('The S3 credentials of repository {0} were deleted.', repository));
      return 'removed';
    }
    const credentials = chosenSource(s);
    if (!credentials) return undefined;
    const repositoryAuth = this.manager.getS3Endpoint(this.profile.id, repository)?.repositoryAuth;
    const endpoint: S3EndpointSettings = s.custom
      ? { endpoint: s.endpoint, region: s.region, forcePathStyle: s.forcePathStyle, repositoryAuth }
      : { region: s.region, repositoryAuth };
    await this.manager.setS3Credentials(this.profile.id, repository, credentials);
    await this.manager.setS3Endpoint(this.profile.id, repository, endpoint);
    void vscode.window.showInformationMessage(t('S3 credentials saved for repository {0}.', repository));
    return credentials;
  }

  private async loadExisting(repository: string): Promise<void> {
    this.existing = await this.manager.getS3Credentials(this.profile.id, repository);
    const endpoint = this.manager.getS3Endpoint(this.profile.id, repository);
    this.state.custom = !!endpoint?.endpoint;
    this.state.endpoint = endpoint?.endpoint;
    this.state.region = endpoint?.region;
    this.state.forcePathStyle = endpoint?.forcePathStyle;
    if (this.existing?.kind === 'keys') this.state.accessKeyId = this.existing.accessKeyId;
  }

  /** Repositories the server knows, plus the ones that already have credentials, plus free entry. */
  private readonly askRepository = step({ name: 'repository', when: () => !this.fixedRepository }, async (input, s) => {
    const items = this.repositoryItems();
    const picked = await input.pick(items, {
      placeholder: t('Repository whose bucket the extension should read'),
      busyPlaceholder: t('Reading the repositories of {0}…', this.profile.name),
    });
    s.typedName = picked.value === undefined;
    // Typed rather than picked: the next step asks the name.
    if (picked.value === undefined) return;
    s.repository = picked.value;
    await this.loadExisting(s.repository);
  });

  private readonly askRepositoryName = step(
    { name: 'repository name', when: (s) => !this.fixedRepository && s.typedName === true },
    async (input, s) => {
      s.repository = (
        await input.input({ prompt: t('Repository name'), value: s.repository, validate: (v) => validateName('repository', v.trim()) })
      ).trim();
      await this.loadExisting(s.repository);
    },
  );

  private async repositoryItems(): Promise<ValuedPick<string | undefined>[]> {
    const withCredentials = new Set(this.manager.s3CredentialRepositories(this.profile.id));
    const known = new Map<string, string>();
    try {
      const session = await this.manager.getSession(this.profile.id);
      for (const repo of await readRepositories(session)) known.set(repo.name, repo.location);
    } catch {
      // Offline or no privilege: the user can still type the name.
    }
    for (const name of withCredentials) if (!known.has(name)) known.set(name, '');
    return [
      ...[...known].map(([name, location]) => ({
        value: name,
        label: name,
        description: location,
        detail: withCredentials.has(name) ? t('Credentials stored') : undefined,
      })),
      { value: undefined, label: `$(edit) ${t('Enter a repository name…')}` },
    ];
  }

  private readonly askSource = step({ name: 'source', needs: ['repository'] }, async (input, s) => {
    const items: ValuedPick<Source>[] = [
      { value: 'keys', label: t('Access key and secret key'), detail: t('The secret key is kept in the secret storage of VS Code.') },
      {
        value: 'defaultChain',
        label: t('Default AWS credential chain'),
        detail: t('Environment variables, ~/.aws profiles, SSO or an instance role of the machine running VS Code.'),
      },
    ];
    if (this.existing) items.push({ value: 'remove', label: `$(trash) ${t('Delete the stored credentials')}` });
    const current = this.existing?.kind;
    const picked = await input.pick(items, {
      placeholder: t('How should the extension authenticate to the bucket of {0}?', s.repository),
      activeItem: items.find((i) => i.value === (s.source ?? current)),
    });
    s.source = picked.value;
  });

  private readonly askAccessKey = step({ name: 'access key', when: asksKeys }, async (input, s) => {
    s.accessKeyId = (
      await input.input({
        prompt: t('Access key ID'),
        placeholder: t('e.g. AKIAIOSFODNN7EXAMPLE'),
        value: s.accessKeyId,
        validate: (v) => (/^\S+$/.test(v.trim()) ? undefined : t('Enter the access key ID (no spaces).')),
      })
    ).trim();
  });

  private readonly askSecretKey = step({ name: 'secret key', when: asksKeys }, async (input, s) => {
    s.secretAccessKey = await input.input({
      prompt: t('Secret access key'),
      password: true,
      value: s.secretAccessKey,
      validate: (v) => (v.trim() ? undefined : t('Enter the secret access key.')),
    });
  });

  private readonly askEndpointKind = step({ name: 'endpoint kind', when: asksEndpoint }, async (input, s) => {
    const items: ValuedPick<boolean>[] = [
      { value: false, label: t('Amazon S3') },
      { value: true, label: t('S3-compatible store (custom endpoint)'), detail: t('MinIO, Ceph, OSS, COS, …') },
    ];
    const picked = await input.pick(items, {
      placeholder: t('Where is the bucket?'),
      activeItem: items.find((i) => i.value === !!s.custom),
    });
    s.custom = picked.value;
  });

  private readonly askEndpoint = step({ name: 'endpoint', when: (s) => asksEndpoint(s) && s.custom === true }, async (input, s) => {
    s.endpoint = (
      await input.input({
        prompt: t('Endpoint URL'),
        placeholder: t('e.g. https://minio.example.com:9000'),
        value: s.endpoint,
        validate: (v) => validateEndpoint(v.trim()),
      })
    ).trim();
  });

  private readonly askRegion = step({ name: 'region', when: asksEndpoint }, async (input, s) => {
    s.region =
      (
        await input.input({
          prompt: t('Region (optional)'),
          placeholder: t('e.g. us-east-1'),
          value: s.region,
          validate: (v) => (/^[a-z0-9-]*$/i.test(v.trim()) ? undefined : t('A region contains letters, digits and dashes.')),
        })
      ).trim() || undefined;
  });

  private readonly askPathStyle = step(
    { name: 'addressing style', when: (s) => asksEndpoint(s) && s.custom === true },
    async (input, s) => {
      const items: ValuedPick<boolean>[] = [
        { value: true, label: t('Path-style addressing'), detail: t('https://endpoint/bucket/key — what most S3-compatible stores need.') },
        { value: false, label: t('Virtual-hosted-style addressing'), detail: t('https://bucket.endpoint/key') },
      ];
      const picked = await input.pick(items, {
        placeholder: t('Addressing style'),
        activeItem: items.find((i) => i.value === (s.forcePathStyle ?? true)),
      });
      s.forcePathStyle = picked.value;
    },
  );
}

/** The credentials the answers describe; undefined when keys were chosen but not both answered. */
function chosenSource(s: S3State): S3CredentialSource | undefined {
  if (s.source !== 'keys') return { kind: 'defaultChain' };
  return isAnswered(s, ['accessKeyId', 'secretAccessKey'])
    ? { kind: 'keys', accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }
    : undefined;
}

function validateEndpoint(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : t('The endpoint must start with http:// or https://.');
  } catch {
    return t('Enter a URL such as https://minio.example.com:9000.');
  }
}
