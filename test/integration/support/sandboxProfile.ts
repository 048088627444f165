import type { ConnectionProfile } from '../../../src/connections/types';
import type { ExtensionApi } from '../../../src/extension';
import type { RunningSandbox } from '../../sandbox';
import { ScriptedPrompter } from './scriptedPrompter';

/** Installs a fresh script as the extension's prompter; the suite puts the original back after each test. */
export function scriptPrompter(api: ExtensionApi): ScriptedPrompter {
  const scripted = new ScriptedPrompter();
  api.prompter = scripted;
  return scripted;
}

/** A profile for the sandbox's own account, its password stored; `overrides` win over every field. */
export function sandboxProfileDraft(
  sandbox: RunningSandbox,
  name: string,
  overrides: Partial<ConnectionProfile> = {},
): Omit<ConnectionProfile, 'id'> {
  return {
    name,
    host: sandbox.info.host,
    port: sandbox.info.port,
    user: sandbox.info.user,
    tls: 'off',
    passwordMode: 'stored',
    ...overrides,
  };
}

/** Adds `sandboxProfileDraft(...)` with the sandbox's password. */
export function addSandboxProfile(
  api: ExtensionApi,
  sandbox: RunningSandbox,
  name: string,
  overrides: Partial<ConnectionProfile> = {},
): Promise<ConnectionProfile> {
  return api.connections.addProfile(sandboxProfileDraft(sandbox, name, overrides), sandbox.info.password);
}
