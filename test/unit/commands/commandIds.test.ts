import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds, INTERNAL_COMMANDS } from '../../../src/commands/commandIds';

/**
 * package.json ⇄ `src/commands/commandIds.ts`, in both directions: every contributed (or menu-named)
 * command is one of the extension's ids, and every id the extension registers is contributed unless
 * it is listed as internal. That every id is really registered is checked against the running
 * extension host in test/integration/activation.test.ts (`vscode.commands.getCommands`); here the
 * sources are read to check that they register only through `registerCommand`, with ids from the module.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, { command?: string }[]> };
};
const ids: string[] = Object.values(CommandIds);
const internal = new Set<string>(INTERNAL_COMMANDS);
const contributed = manifest.contributes.commands.map((c) => c.command);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
const sources = sourceFiles(path.join(root, 'src')).map((file) => ({
  file: path.relative(root, file),
  text: fs.readFileSync(file, 'utf8'),
}));

describe('command ids (src/commands/commandIds.ts) against package.json', () => {
  it('has no id twice', () => {
    assert.ok(ids.length > 20, 'the module lists too few ids; the checks would be vacuous');
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
  });

  it('every contributed command is one of the ids', () => {
    assert.ok(contributed.length > 20);
    assert.deepEqual(
      contributed.filter((id) => !ids.includes(id)),
      [],
      'contributed in package.json but not in the command-id module',
    );
  });

  it('every id is contributed, except the ones listed as internal, which are not', () => {
    assert.deepEqual(
      ids.filter((id) => !internal.has(id) && !contributed.includes(id)),
      [],
      'registered but not contributed: contribute it or list it in INTERNAL_COMMANDS',
    );
    assert.deepEqual(
      [...internal].filter((id) => contributed.includes(id)),
      [],
      'listed as internal but contributed',
    );
  });

  it('every command a menu names is one of the ids, and none is internal', () => {
    const named = Object.values(manifest.contributes.menus).flatMap((entries) => entries.flatMap((e) => (e.command ? [e.command] : [])));
    assert.ok(named.length > 20);
    assert.deepEqual(
      named.filter((id) => !ids.includes(id) || internal.has(id)),
      [],
    );
  });

  it('the sources register commands only through registerCommand, once per id', () => {
    // Besides registerCommand, only activation's proxies (disposed before the real commands are registered, docs/architecture.md).
    const allowed = [path.join('src', 'commands', 'registerCommand.ts'), path.join('src', 'activation', 'commandProxies.ts')];
    const direct = sources.filter((s) => !allowed.includes(s.file) && /\bcommands\.registerCommand\(/.test(s.text));
    assert.deepEqual(
      direct.map((s) => s.file),
      [],
      'vscode.commands.registerCommand called outside src/commands/registerCommand.ts (and the activation proxies)',
    );
    // Ids are registered as `registerCommand(reporter, CommandIds.x, …)` or listed as `[CommandIds.x, workflow]`.
    const registered = sources
      .filter((s) => s.file !== path.join('src', 'commands', 'commandIds.ts'))
      .flatMap((s) =>
        [...s.text.matchAll(/registerCommand\(\s*[^,]+,\s*(?:CommandIds|Ids)\.(\w+)|\[\s*CommandIds\.(\w+),/g)].map((m) => m[1] ?? m[2]),
      );
    const keys = Object.keys(CommandIds);
    assert.deepEqual(
      registered.filter((key) => !keys.includes(key)),
      [],
      'registered under a key the module does not have',
    );
    assert.deepEqual(
      keys.filter((key) => !registered.includes(key)),
      [],
      'ids that no registration names',
    );
    assert.deepEqual(
      registered.filter((key, i) => registered.indexOf(key) !== i),
      [],
      'ids registered twice',
    );
  });

  it('no source spells a command id as a bare string outside the module', () => {
    const spelled = sources
      .filter((s) => s.file !== path.join('src', 'commands', 'commandIds.ts'))
      .flatMap((s) =>
        ids
          .filter((id) => s.text.includes(`'${id}'`) || s.text.includes(`"${id}"`) || s.text.includes(`\`${id}`))
          .map((id) => `${s.file}: ${id}`),
      );
    assert.deepEqual(spelled, []);
  });
});
