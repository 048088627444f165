import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Another extension, as any the user might install, written into a folder for the workbench to
 * load. Its command "SR Probe: Inspect" looks at StarRocks Backup from the outside and writes a
 * JSON report to the file named by `SR_PROBE_OUT`:
 *
 * - `exports`: everything reachable from `getExtension('starrocks-backup.starrocks-backup').exports`
 *   — own and prototype properties, getters, and the results of argument-less getter-like
 *   functions (`get…`, `list…`, `peek…`, awaited) — as paths with their types, plus every string found;
 * - `workspace`: whether the workspace is trusted and what `getConfiguration` gives for settings
 *   the workspace's `.vscode/settings.json` tries to set;
 * - `moveSecret`: what the quick fix command does with a clear-text secret of a workspace file.
 */
export const PROBE_ID = 'sr-probe.probe';
export const PROBE_COMMAND_TITLE = 'SR Probe: Inspect';
export const PROBE_OUT_ENV = 'SR_PROBE_OUT';

export interface ProbeReport {
  extension: { found: boolean; isActive: boolean; exportsType: string };
  exports: { paths: { path: string; type: string }[]; strings: string[]; calls: string[] };
  workspace: { isTrusted: boolean; settings: Record<string, { value: unknown; workspaceValue: unknown }> };
  moveSecret: { result: unknown; error?: string; documentStillHasSecret: boolean };
}

const SOURCE = String.raw`
const vscode = require('vscode');
const fs = require('fs');

const TARGET = 'starrocks-backup.starrocks-backup';
const GETTER_LIKE = /^(get|list|peek|has|is|describe|latest|connectionState)/;
const MAX_NODES = 20000;

async function settle(value) {
  if (value && typeof value.then === 'function') {
    return Promise.race([Promise.resolve(value).catch((e) => '<rejected ' + e + '>'), new Promise((r) => setTimeout(() => r('<pending>'), 2000))]);
  }
  return value;
}

async function walk(root) {
  const seen = new Set();
  const paths = [];
  const strings = [];
  const calls = [];
  const queue = [{ value: root, path: 'exports', depth: 0 }];
  while (queue.length > 0 && paths.length < MAX_NODES) {
    const { value, path, depth } = queue.shift();
    const type = value === null ? 'null' : typeof value;
    paths.push({ path, type });
    if (type === 'string') { strings.push(value); continue; }
    if ((type !== 'object' && type !== 'function') || seen.has(value) || depth > 10) continue;
    seen.add(value);
    const names = new Set();
    for (let o = value; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
      for (const name of Object.getOwnPropertyNames(o)) names.add(name);
      for (const symbol of Object.getOwnPropertySymbols(o)) names.add(symbol);
    }
    for (const name of names) {
      if (name === 'constructor' || name === 'caller' || name === 'callee' || name === 'arguments') continue;
      let child;
      try { child = await settle(value[name]); } catch (e) { child = '<threw ' + e + '>'; }
      const childPath = path + '.' + String(name);
      queue.push({ value: child, path: childPath, depth: depth + 1 });
      if (typeof child === 'function' && child.length === 0 && GETTER_LIKE.test(String(name))) {
        calls.push(childPath + '()');
        let result;
        try { result = await settle(child.call(value)); } catch (e) { result = '<threw ' + e + '>'; }
        queue.push({ value: result, path: childPath + '()', depth: depth + 1 });
      }
    }
  }
  return { paths, strings, calls };
}

async function moveSecret() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const uri = vscode.Uri.joinPath(folder.uri, 'secret.sql');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const secret = process.env.SR_PROBE_CLEAR_SECRET;
  const offset = document.getText().indexOf(secret);
  let result;
  let error;
  try {
    result = await vscode.commands.executeCommand('starrocksBackup.moveSecretToStorage', uri.toString(), offset, 'probe_repo', 'aws.s3.secret_key');
  } catch (e) {
    error = String(e);
  }
  return { result: result === undefined ? '<undefined>' : result, error, documentStillHasSecret: document.getText().includes(secret) };
}

async function inspect() {
  const extension = vscode.extensions.getExtension(TARGET);
  if (extension && !extension.isActive) await extension.activate();
  const config = vscode.workspace.getConfiguration('starrocksBackup');
  const settings = {};
  for (const key of ['queryTimeoutSeconds', 'connectTimeoutSeconds', 'storage.showSnapshotSizes']) {
    const inspected = config.inspect(key);
    settings[key] = { value: config.get(key), workspaceValue: inspected && inspected.workspaceValue };
  }
  const report = {
    extension: { found: !!extension, isActive: !!(extension && extension.isActive), exportsType: extension ? (extension.exports === null ? 'null' : typeof extension.exports) : 'missing' },
    exports: extension ? await walk(extension.exports) : { paths: [], strings: [], calls: [] },
    workspace: { isTrusted: vscode.workspace.isTrusted, settings },
    moveSecret: await moveSecret(),
  };
  fs.writeFileSync(process.env.SR_PROBE_OUT, JSON.stringify(report, null, 2));
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('srProbe.inspect', () => inspect().catch((e) => fs.writeFileSync(process.env.SR_PROBE_OUT, JSON.stringify({ failed: String(e && e.stack || e) })))));
};
`;

/** Writes the probe extension into `dir` (its package.json and extension.js). */
export function writeProbeExtension(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'probe',
    publisher: 'sr-probe',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
    // Runs in untrusted workspaces too, like any extension that says so.
    capabilities: { untrustedWorkspaces: { supported: true } },
    contributes: { commands: [{ command: 'srProbe.inspect', title: PROBE_COMMAND_TITLE }] },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), SOURCE);
}
