import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ctx } from '../../src/views/contextValues';

/**
 * The manifest against VS Code's UX guidelines and the project's rules: localised strings that
 * exist (and are used), one category, unique commands, menus that name real commands and real
 * context words, and destructive commands kept apart in their own group.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface MenuEntry {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents?: string[];
  l10n?: string;
  capabilities?: {
    untrustedWorkspaces?: { supported: unknown; description?: string };
    virtualWorkspaces?: { supported: unknown; description?: string };
  };
  contributes: { commands: CommandContribution[]; menus: Record<string, MenuEntry[]>; viewsWelcome?: unknown[] };
}

/** Commands that delete, drop, cancel or forget: confirmed modally in the code, grouped apart in menus. */
const DESTRUCTIVE = [
  'starrocksBackup.removeConnection',
  'starrocksBackup.dropRepository',
  'starrocksBackup.deleteSnapshot',
  'starrocksBackup.applyRetention',
  'starrocksBackup.cancelJob',
  'starrocksBackup.clearJobHistory',
];
const DESTRUCTIVE_GROUP = /^9_destructive(@\d+)?$/;

/** Every `%key%` placeholder in a JSON value, with the path where it occurs. */
function placeholders(value: unknown, at = ''): { key: string; at: string }[] {
  if (typeof value === 'string') {
    const match = /^%(.+)%$/.exec(value);
    return match ? [{ key: match[1], at }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholders(v, at ? `${at}.${k}` : k));
  return [];
}

const commands = manifest.contributes.commands;
const itemMenus = manifest.contributes.menus['view/item/context'] ?? [];

describe('package.json manifest', () => {
  it('every %key% exists in package.nls.json, and every key there is used', () => {
    const used = placeholders(manifest);
    assert.ok(used.length > 10, 'no placeholders found; the check would be vacuous');
    const missing = used.filter((u) => !(u.key in nls)).map((u) => `${u.key} (at ${u.at})`);
    assert.deepEqual(missing, [], 'placeholders without a string in package.nls.json');
    const usedKeys = new Set(used.map((u) => u.key));
    assert.deepEqual(
      Object.keys(nls).filter((key) => !usedKeys.has(key)),
      [],
      'strings in package.nls.json that package.json never uses',
    );
    assert.deepEqual(
      Object.entries(nls)
        .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
        .map(([key]) => key),
      [],
      'empty strings',
    );
  });

  it('every command has the one category and a localised title', () => {
    assert.deepEqual(
      commands.filter((c) => c.category !== '%category%').map((c) => c.command),
      [],
    );
    assert.deepEqual(
      commands.filter((c) => !/^%command\..+%$/.test(c.title)).map((c) => c.command),
      [],
    );
  });

  it("every contributed command id is unique and in the extension's namespace", () => {
    const ids = commands.map((c) => c.command);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      'duplicate command ids',
    );
    assert.deepEqual(
      ids.filter((id) => !id.startsWith('starrocksBackup.')),
      [],
    );
  });

  it('every menu names a contributed command, and palette entries are not repeated', () => {
    const ids = new Set(commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      const unknown = entries.filter((e) => e.command !== undefined && !ids.has(e.command)).map((e) => e.command);
      assert.deepEqual(unknown, [], `${menu} names commands that package.json does not contribute`);
    }
    const palette = (manifest.contributes.menus.commandPalette ?? []).map((e) => e.command);
    assert.deepEqual(
      palette.filter((id, i) => palette.indexOf(id) !== i),
      [],
      'commandPalette lists a command twice',
    );
  });

  it('view/item/context entries match words the tree really sets, with word boundaries', () => {
    const vocabulary = new Set<string>(Object.values(Ctx));
    assert.ok(itemMenus.length > 10, 'no item menus found; the check would be vacuous');
    for (const entry of itemMenus) {
      const when = entry.when ?? '';
      assert.match(when, /\bview == starrocksBackup\.explorer\b/, `${entry.command}: scoped to the explorer`);
      const tests = [...when.matchAll(/viewItem\s*(==|=~)\s*(\/[^/]*\/|\S+)/g)];
      assert.ok(tests.length > 0, `${entry.command} (${when}) does not test viewItem`);
      for (const [, operator, operand] of tests) {
        assert.equal(operator, '=~', `${entry.command}: use viewItem =~ /\\bword\\b/, not ==: ${when}`);
        const word = /^\/\\b(\w+)\\b\/$/.exec(operand);
        assert.ok(word, `${entry.command}: ${operand} is not a /\\bword\\b/ token`);
        assert.ok(vocabulary.has(word[1]), `${entry.command}: "${word[1]}" is not a context word of src/views/contextValues.ts`);
      }
    }
  });

  it('inline actions have icons', () => {
    const icons = new Map(commands.map((c) => [c.command, c.icon]));
    const inline = itemMenus.filter((e) => e.group?.startsWith('inline'));
    assert.ok(inline.length > 0);
    assert.deepEqual(
      inline.filter((e) => !icons.get(e.command ?? '')).map((e) => e.command),
      [],
    );
  });

  it('destructive commands sit in their own group in every context menu, and only they do', () => {
    for (const id of DESTRUCTIVE) {
      assert.ok(
        commands.some((c) => c.command === id),
        `${id} is not contributed`,
      );
      const entries = itemMenus.filter((e) => e.command === id && !e.group?.startsWith('inline'));
      assert.ok(entries.length > 0, `${id} has no context menu entry`);
      for (const entry of entries) assert.match(entry.group ?? '', DESTRUCTIVE_GROUP, `${id} (${entry.when})`);
    }
    const others = itemMenus.filter((e) => DESTRUCTIVE_GROUP.test(e.group ?? '') && !DESTRUCTIVE.includes(e.command ?? ''));
    assert.deepEqual(
      others.map((e) => e.command),
      [],
      'non-destructive commands in the destructive group',
    );
  });

  it('commands that need a tree item are hidden from the Command Palette', () => {
    const hidden = new Set((manifest.contributes.menus.commandPalette ?? []).filter((e) => e.when === 'false').map((e) => e.command));
    for (const id of [
      'starrocksBackup.openJobSql',
      'starrocksBackup.copySql',
      'starrocksBackup.filterSnapshots',
      'starrocksBackup.clearSnapshotFilter',
      'starrocksBackup.moveSecretToStorage',
    ]) {
      assert.ok(hidden.has(id), `${id} only works on a tree item (or a code action) and should have "when": "false" in commandPalette`);
    }
  });

  it('activates implicitly, declares its workspace capabilities and l10n, and targets VS Code 1.100', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'no "*" activation');
    assert.deepEqual(
      manifest.activationEvents,
      ['onStartupFinished'],
      'onStartupFinished picks up running jobs; everything else is implicit',
    );
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities ?? {};
    assert.ok(
      untrustedWorkspaces && untrustedWorkspaces.supported !== undefined && untrustedWorkspaces.description,
      'capabilities.untrustedWorkspaces with a description',
    );
    assert.ok(
      virtualWorkspaces && virtualWorkspaces.supported !== undefined && virtualWorkspaces.description,
      'capabilities.virtualWorkspaces with a description',
    );
    assert.equal(manifest.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(root, 'l10n', 'bundle.l10n.json')), 'the l10n folder holds the bundle');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0', '@types/vscode must match the lowest supported VS Code exactly');
    assert.ok((manifest.contributes.viewsWelcome ?? []).length > 0, 'the empty explorer says what to do');
  });
});
