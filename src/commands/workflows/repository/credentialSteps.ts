import * as vscode from 'vscode';
import type { S3CredentialSource, S3EndpointSettings } from '../../../connections/types';
import { credentialsFromKeys } from '../../../connections/repositoryStorageAccess';
import type { RepositoryCredentials } from '../../../starrocks/builders/repository';
import { stepsFor, type MultiStepInput, type WizardStep } from '../../../ui/multiStepInput';

/**
 * The credential questions of CREATE REPOSITORY: how the FE and BEs reach the bucket. Each method
 * asks only for what its `aws.s3.*` properties need. Secret keys are typed into a password box and
 * never shown again: previews use the statement's masked display text.
 */
export type CredentialMethod = RepositoryCredentials['method'];

export interface CredentialState {
  method?: CredentialMethod | 'reuse';
  /** Answers to the method's questions, by question key. */
  answers?: Record<string, string>;
  /** Keys (and endpoint) stored for a repository of the same name on another connection (migration). */
  reusable?: { from: string; keys: Extract<S3CredentialSource, { kind: 'keys' }>; endpoint?: S3EndpointSettings };
}

interface MethodItem extends vscode.QuickPickItem {
  method: CredentialMethod | 'reuse';
}

function methodItems(state: CredentialState): MethodItem[] {
  const items: MethodItem[] = [
    {
      label: vscode.l10n.t('Instance profile'),
      description: vscode.l10n.t('aws.s3.use_instance_profile + region'),
      detail: vscode.l10n.t('The EC2 instance profile of the FE and BE hosts.'),
      method: 'instanceProfile',
    },
    {
      label: vscode.l10n.t('Assumed IAM role'),
      description: vscode.l10n.t('instance profile + aws.s3.iam_role_arn + region'),
      detail: vscode.l10n.t("A role the hosts assume (CelerData's recommended setup)."),
      method: 'assumeRole',
    },
    {
      label: vscode.l10n.t('Access keys'),
      description: vscode.l10n.t('aws.s3.access_key / secret_key + region'),
      detail: vscode.l10n.t("An IAM user's keys; the secret key is kept in VS Code's secret storage."),
      method: 'accessKeys',
    },
    {
      label: vscode.l10n.t('S3-compatible endpoint'),
      description: vscode.l10n.t('endpoint + keys (MinIO, Ceph, …)'),
      detail: vscode.l10n.t('An S3-compatible store with its own endpoint and path-style access.'),
      method: 's3Compatible',
    },
  ];
  if (state.reusable) {
    items.unshift({
      label: vscode.l10n.t('Same keys as on {0}', state.reusable.from),
      description: state.reusable.keys.accessKeyId,
      detail: vscode.l10n.t('The keys stored for this repository on {0}.', state.reusable.from),
      method: 'reuse',
    });
  }
  return items;
}

/** The methods offered, each with its questions. */
const METHODS: readonly CredentialMethod[] = ['instanceProfile', 'assumeRole', 'accessKeys', 's3Compatible'];

/**
 * The credential steps of a wizard: the method, then one step per question of the chosen method
 * (each its own number and back). Every method's questions are in the list, guarded by the method.
 */
export function credentialSteps<S extends CredentialState>(): WizardStep<S>[] {
  const step = stepsFor<S>();
  const methodStep = step({ name: 'credential method' }, async (input, state) => {
    const items = methodItems(state);
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('How the cluster authenticates to S3'),
      activeItem: items.find((i) => i.method === state.method),
    });
    state.method = picked.method;
  });
  const questionSteps = METHODS.flatMap((method) =>
    questionsOf(method).map((question) =>
      step({ name: `${method} ${question.key}`, when: (state) => state.method === method }, async (input, state) => {
        state.answers ??= {};
        state.answers[question.key] = await question.ask(input, state.answers[question.key]);
      }),
    ),
  );
  return [methodStep, ...questionSteps];
}

/** The credentials the answers describe; undefined while the method is not chosen. */
export function chosenCredentials(state: CredentialState): RepositoryCredentials | undefined {
  if (state.method === undefined) return undefined;
  if (state.method === 'reuse') return state.reusable ? reusedCredentials(state.reusable) : undefined;
  return credentialsOf(state.method, state.answers ?? {});
}

function reusedCredentials(reusable: NonNullable<CredentialState['reusable']>): RepositoryCredentials {
  const { keys, endpoint } = reusable;
  // AWS keys need a region; the preview shows the one assumed when none was stored.
  return credentialsFromKeys(keys, endpoint, endpoint?.endpoint ? endpoint.region : (endpoint?.region ?? 'us-east-1'));
}

/** One question of a method: a prompt whose answer is kept under `key` in `state.answers`. */
interface Question {
  key: string;
  ask: <S extends CredentialState>(input: MultiStepInput<S>, previous: string | undefined) => Promise<string>;
}

/** The questions of each method, in order; each becomes its own step (own number, own back). */
function questionsOf(method: CredentialMethod): Question[] {
  switch (method) {
    case 'instanceProfile':
      return [regionQuestion(true)];
    case 'assumeRole':
      return [roleArnQuestion, externalIdQuestion, regionQuestion(true)];
    case 'accessKeys':
      return [accessKeyQuestion, secretKeyQuestion, regionQuestion(true)];
    case 's3Compatible':
      return [endpointQuestion, accessKeyQuestion, secretKeyQuestion, regionQuestion(false), pathStyleQuestion];
    default:
      return [];
  }
}

/** The credentials from the answers, once every question of the method was answered (its steps are all taken before the wizard ends). */
function credentialsOf(method: CredentialMethod, a: Record<string, string>): RepositoryCredentials {
  switch (method) {
    case 'instanceProfile':
      return { method, region: a.region };
    case 'assumeRole':
      return { method, roleArn: a.roleArn, externalId: a.externalId || undefined, region: a.region };
    case 'accessKeys':
      return { method, accessKey: a.accessKey, secretKey: a.secretKey, region: a.region };
    case 's3Compatible':
      return {
        method,
        endpoint: a.endpoint,
        accessKey: a.accessKey,
        secretKey: a.secretKey,
        region: a.region || undefined,
        pathStyle: a.pathStyle === 'true',
        ssl: a.endpoint.startsWith('https:'),
      };
    default:
      return { method: 'none' };
  }
}

const required =
  (what: string) =>
  (value: string): string | undefined =>
    value.trim() === ''
      ? vscode.l10n.t('Enter the {0}.', what)
      : /\s/.test(value.trim())
        ? vscode.l10n.t('The {0} cannot contain spaces.', what)
        : undefined;

const roleArnQuestion: Question = {
  key: 'roleArn',
  ask: async (input, previous) =>
    (
      await input.input({
        prompt: vscode.l10n.t('The ARN of the IAM role the FE and BE hosts assume'),
        placeholder: 'arn:aws:iam::123456789012:role/starrocks-backup',
        value: previous,
        validate: (value) =>
          required(vscode.l10n.t('role ARN'))(value) ??
          (/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(value.trim())
            ? undefined
            : vscode.l10n.t('A role ARN looks like arn:aws:iam::<account>:role/<name>.')),
      })
    ).trim(),
};

const externalIdQuestion: Question = {
  key: 'externalId',
  ask: async (input, previous) =>
    (
      await input.input({
        prompt: vscode.l10n.t("External ID, if the role's trust policy requires one (optional)"),
        placeholder: vscode.l10n.t('External ID (optional)'),
        value: previous,
      })
    ).trim(),
};

const accessKeyQuestion: Question = {
  key: 'accessKey',
  ask: async (input, previous) =>
    (
      await input.input({
        prompt: vscode.l10n.t('Access key ID'),
        placeholder: vscode.l10n.t('Access key ID'),
        value: previous,
        validate: required(vscode.l10n.t('access key ID')),
      })
    ).trim(),
};

const secretKeyQuestion: Question = {
  key: 'secretKey',
  // Never prefilled: a secret is not shown again, even masked in an input box.
  ask: (input) =>
    input.input({
      prompt: vscode.l10n.t("Secret access key (kept in VS Code's secret storage, shown as *** everywhere)"),
      placeholder: vscode.l10n.t('Secret access key'),
      password: true,
      validate: (value) => (value === '' ? vscode.l10n.t('Enter the secret access key.') : undefined),
    }),
};

const endpointQuestion: Question = {
  key: 'endpoint',
  ask: async (input, previous) =>
    (
      await input.input({
        prompt: vscode.l10n.t('The S3 endpoint of the store, as the FE and BEs reach it'),
        placeholder: 'http://minio.example.com:9000',
        value: previous,
        validate: (value) =>
          required(vscode.l10n.t('endpoint'))(value) ??
          (/^https?:\/\/[^\s/]+/.test(value.trim()) ? undefined : vscode.l10n.t('Write the endpoint as http://host:port or https://host.')),
      })
    ).trim(),
};

function regionQuestion(mandatory: boolean): Question {
  return {
    key: 'region',
    ask: async (input, previous) =>
      (
        await input.input({
          prompt: mandatory ? vscode.l10n.t("The bucket's region") : vscode.l10n.t('The region the store expects (optional)'),
          placeholder: 'us-east-1',
          value: previous,
          validate: mandatory
            ? required(vscode.l10n.t('region'))
            : (v) => (/\s/.test(v.trim()) ? vscode.l10n.t('The region cannot contain spaces.') : undefined),
        })
      ).trim(),
  };
}

const pathStyleQuestion: Question = {
  key: 'pathStyle',
  ask: async (input) => {
    const picked = await input.pick(
      [
        { label: vscode.l10n.t('Path-style access'), description: 'http://endpoint/bucket/key', value: 'true' },
        { label: vscode.l10n.t('Virtual-hosted access'), description: 'http://bucket.endpoint/key', value: 'false' },
      ],
      { placeholder: vscode.l10n.t('How the store addresses buckets (most S3-compatible stores need path-style)') },
    );
    return picked.value;
  },
};
