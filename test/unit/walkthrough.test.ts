import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GuideContext, WALKTHROUGH_ID } from '../../src/commands/guide/walkthroughIds';

/**
 * The walkthrough in package.json follows the guide's order, each step has media that ships in the
 * package, a button that runs a real command, and a completion event the extension can fire.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string): string => (value.startsWith('%') ? nls[value.slice(1, -1)] : value);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents: string[];
}

describe('walkthrough', () => {
  const walkthrough = manifest.contributes.walkthroughs[0] as { id: string; steps: Step[] };
  const commands = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
  // Contributed by the migration command's own change; the view focus command is VS Code's.
  const elsewhere = new Set(['starrocksBackup.migrateToCluster', 'starrocksBackup.explorer.focus']);

  it('is the one the palette command opens', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}#${walkthrough.id}`, WALKTHROUGH_ID);
  });

  it("follows the guide's order: IAM policy, credentials, repository, backup, check, restore or migrate", () => {
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['iamPolicy', 'credentials', 'repository', 'backup', 'checkSnapshot', 'restore'],
    );
  });

  it('each step has translated text, media that ships, a button on a real command and a completion event', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/\*\*$/m, 'media/ ships in the VSIX');
    const contextKeys = new Set(Object.values(GuideContext));
    for (const step of walkthrough.steps) {
      assert.ok(text(step.title) && text(step.description), `${step.id}: title and description in package.nls.json`);
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && fs.existsSync(path.join(root, media)), `${step.id}: media ${media} exists`);
      const buttons = [...text(step.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(buttons.length > 0, `${step.id} has a button`);
      for (const command of buttons) assert.ok(commands.has(command) || elsewhere.has(command), `${step.id}: ${command} exists`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes`);
      for (const event of step.completionEvents) {
        const [kind, value] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(value) || elsewhere.has(value), `${step.id}: ${value}`);
        else if (kind === 'onContext') assert.ok(contextKeys.has(value as never), `${step.id}: the extension sets ${value}`);
        else assert.equal(kind, 'onStepSelected');
      }
    }
  });

  it('opens from the welcome view and the palette', () => {
    const welcome = (manifest.contributes.viewsWelcome as { contents: string }[]).map((w) => text(w.contents)).join('\n');
    assert.match(welcome, /command:starrocksBackup\.openWalkthrough/);
    assert.ok(commands.has('starrocksBackup.openWalkthrough'));
  });
});
