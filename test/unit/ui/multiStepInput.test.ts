import * as assert from 'assert';
import { MultiStepInput, type Step } from '../../../src/ui/multiStepInput';
import { ScriptedPrompter } from '../../integration/support/scriptedPrompter';

/** The flow under test: name → tables (multi-select) → mode (pick, may add a step) → [label] → confirm. */
interface State {
  name?: string;
  tables?: string[];
  mode?: string;
  label?: string;
  confirmations: number;
}

const askName: Step<State> = async (input, s) => {
  s.name = await input.input({ prompt: 'Name', value: s.name, validate: (v) => (v.trim() ? undefined : 'Enter a name.') });
  return askTables;
};
const askTables: Step<State> = async (input, s) => {
  const items = ['t1', 't2', 't3'].map((label) => ({ label, picked: s.tables?.includes(label) }));
  s.tables = (await input.pickMany(items, { placeholder: 'Tables' })).map((i) => i.label);
  return askMode;
};
const askMode: Step<State> = async (input, s) => {
  s.mode = (await input.pick([{ label: 'simple' }, { label: 'labelled' }], { placeholder: 'Mode' })).label;
  return s.mode === 'labelled' ? askLabel : confirm;
};
const askLabel: Step<State> = async (input, s) => {
  s.label = await input.input({ prompt: 'Label', value: s.label });
  return confirm;
};
const confirm: Step<State> = async (input, s) => {
  s.confirmations++;
  const choice = (await input.pick(Promise.resolve([{ label: 'Done' }, { label: 'Change the tables' }]), { placeholder: () => `Confirm ${s.name}`, busyPlaceholder: 'Checking…' })).label;
  if (choice === 'Change the tables') input.backTo(askTables);
  return undefined;
};

const totalSteps = (s: State) => (s.mode === 'labelled' ? 5 : 4);

describe('ui/multiStepInput', () => {
  it('numbers steps, offers back after the first, validates, and recomputes the total as answers add steps', async () => {
    const script = new ScriptedPrompter()
      .answerInvalid('Name', ' ', /Enter a name/)
      .answer('Name', 'nightly')
      .chooseMany('Tables', ['t1', 't3'])
      .choose('Mode', 'labelled')
      .answer('Label', 'L1')
      .choose('Checking', 'Done');
    const state: State = { confirmations: 0 };
    assert.strictEqual(await MultiStepInput.run(script, { title: 'Backup', totalSteps }, state, askName), 'done');
    script.assertFinished();
    assert.deepStrictEqual(script.transcript.map((r) => [r.kind, r.step, r.totalSteps, r.canGoBack]), [
      ['inputStep', 1, 4, false],
      ['pickManyStep', 2, 4, true],
      ['pickStep', 3, 4, true],
      ['inputStep', 4, 5, true],
      ['pickStep', 5, 5, true],
    ]);
    assert.deepStrictEqual(script.transcript[0].validationMessages, ['Enter a name.']);
    assert.strictEqual(script.transcript[4].placeholder, 'Confirm nightly', 'a placeholder function is read after the items loaded');
    assert.deepStrictEqual({ ...state }, { name: 'nightly', tables: ['t1', 't3'], mode: 'labelled', label: 'L1', confirmations: 1 });
  });

  it('goes back one step with the earlier answer prefilled, and jumps back to a named step', async () => {
    const script = new ScriptedPrompter()
      .answer('Name', 'nightly')
      .chooseMany('Tables', ['t2'])
      .goBack('Mode')
      .chooseMany('Tables', ['t1', 't2'])
      .choose('Mode', 'simple')
      .choose('Checking', 'Change the tables')
      .chooseMany('Tables', ['t3'])
      .choose('Mode', 'simple')
      .choose('Checking', 'Done');
    const state: State = { confirmations: 0 };
    assert.strictEqual(await MultiStepInput.run(script, { title: 'Backup', totalSteps }, state, askName), 'done');
    script.assertFinished();
    const tableSteps = script.transcript.filter((r) => r.kind === 'pickManyStep');
    assert.deepStrictEqual(tableSteps.map((r) => r.step), [2, 2, 2], 'back and backTo land on step 2 again');
    const preselected = tableSteps.map((r) => r.items!.filter((i) => i.picked).map((i) => i.label));
    assert.deepStrictEqual(preselected, [[], ['t2'], ['t1', 't2']], 'each revisit starts from the earlier answer');
    assert.deepStrictEqual(state.tables, ['t3']);
    assert.strictEqual(state.confirmations, 2);
  });

  it('ends as cancelled when a step is dismissed, and does not swallow real errors', async () => {
    const dismissed = new ScriptedPrompter().answer('Name', 'x').dismiss('Tables');
    assert.strictEqual(await MultiStepInput.run(dismissed, { title: 'Backup', totalSteps }, { confirmations: 0 }, askName), 'cancelled');
    dismissed.assertFinished();
    const failing: Step<State> = async () => {
      throw new Error('boom');
    };
    await assert.rejects(MultiStepInput.run(new ScriptedPrompter(), { title: 'Backup', totalSteps: 1 }, { confirmations: 0 }, failing), /boom/);
  });

  it('the scripted prompter fails loudly on an unexpected prompt', async () => {
    const script = new ScriptedPrompter().answer('Name', 'x');
    await assert.rejects(MultiStepInput.run(script, { title: 'Backup', totalSteps }, { confirmations: 0 }, askName), /unexpected prompt/);
    assert.throws(() => script.assertFinished(), /pickManyStep "Backup" \(2\/4\) \[Tables\]: unexpected prompt/);
  });
});
