import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, EXPLORER_VIEW_ID, INTERNAL_COMMANDS } from '../../src/commands/commandIds';
import type { ExtensionApi } from '../../src/extension';
import { exportsFor } from '../../src/exportedApi';

const EXTENSION_ID = 'starrocks-backup.starrocks-backup';
const VIEW_CONTAINER = 'starrocksBackup';
const EXPLORER_VIEW = 'starrocksBackup.explorer';

interface ContributedCommand {
  command: string;
}

describe('Activation', () => {
  let extension: vscode.Extension<ExtensionApi>;
  let api: ExtensionApi;

  before(async () => {
    const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed in the extension host`);
    extension = found;
    api = await extension.activate();
  });

  it('is active after activate(), loaded from this project', () => {
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, 'starrocks-backup');
    assert.equal(extension.packageJSON.main, './dist/extension.js');
  });

  it('runs in the workspace the harness announced in SR_TEST_WORKSPACE', async () => {
    const announced = process.env.SR_TEST_WORKSPACE;
    assert.ok(announced, 'SR_TEST_WORKSPACE did not reach the extension host');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.equal(folder?.uri.fsPath, announced);
    const sql = await vscode.workspace.findFiles('*.sql');
    assert.deepEqual(sql.map((uri) => uri.path.split('/').pop()).sort(), ['backup.sql', 'restore.sql']);
  });

  it('returns its API: the log channel and a replaceable prompter', () => {
    assert.ok(api, 'activate() returned nothing');
    assert.equal(extension.exports, api, 'exports differ from what activate() returned');
    assert.equal(api.log.name, 'StarRocks Backup');
    assert.equal(typeof api.log.info, 'function');
    for (const method of ['pickOne', 'pickMany', 'input', 'confirm'] as const) {
      assert.equal(typeof api.prompter[method], 'function', `prompter.${method} is missing`);
    }
  });

  it('runs in Test mode here, and exports its API only in Test and Development mode, never in Production', () => {
    // The function activate() builds its exports with, given each mode of the real host's enum.
    let built = 0;
    const build = () => {
      built++;
      return api;
    };
    assert.equal(exportsFor(vscode.ExtensionMode.Production, build), undefined, 'an installed extension exports nothing');
    assert.equal(built, 0, 'in Production the API object is not even built');
    assert.equal(exportsFor(vscode.ExtensionMode.Test, build), api);
    assert.equal(exportsFor(vscode.ExtensionMode.Development, build), api);
    // And this run is really one of those modes (the harness loads the project as the extension under test).
    assert.ok(extension.exports, 'the extension under test exports its API');
  });

  it('registers every command it contributes in package.json', async () => {
    const contributed = (extension.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('registers exactly the ids of src/commands/commandIds.ts, and contributes all of them but the internal ones', async () => {
    // The workbench adds `<view id>.focus` and the like for the explorer view itself: not the extension's commands.
    const registered = (await vscode.commands.getCommands(true)).filter(
      (id) => id.startsWith('starrocksBackup.') && !id.startsWith(`${EXPLORER_VIEW_ID}.`),
    );
    const ids: string[] = Object.values(CommandIds);
    assert.deepEqual([...registered].sort(), [...ids].sort(), 'registered commands and the command-id module differ');
    const contributed = new Set((extension.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command));
    assert.deepEqual(
      registered.filter((id) => !contributed.has(id)).sort(),
      [...INTERNAL_COMMANDS].sort(),
      'registered, not contributed, and not listed as internal',
    );
  });

  it('contributes its view container and explorer view, which open on command', async () => {
    const registered = new Set(await vscode.commands.getCommands(false));
    // The workbench creates these commands only for a registered container and view.
    assert.ok(registered.has(`workbench.view.extension.${VIEW_CONTAINER}`), 'view container is not registered');
    assert.ok(registered.has(`${EXPLORER_VIEW}.focus`), 'explorer view is not registered');
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER}`);
    await vscode.commands.executeCommand(`${EXPLORER_VIEW}.focus`);
  });
});
