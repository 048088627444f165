import * as assert from 'assert';
import { isAnswered, MultiStepInput, stepsFor, type Wizard, type WizardStep } from '../../../src/ui/multiStepInput';
import { ScriptedPrompter } from '../../integration/support/scriptedPrompter';

/** The wizard under test: name → tables (multi-select) → mode → [label, when "labelled"] → confirm. */
interface State {
  name?: string;
  tables?: string[];
  mode?: string;
  label?: string;
  confirmations: number;
}

const step = stepsFor<State>();

const askName = step({ name: 'name' }, async (input, s) => {
  s.name = await input.input({ prompt: 'Name', value: s.name, validate: (v) => (v.trim() ? undefined : 'Enter a name.') });
});
const askTables = step({ name: 'tables' }, async (input, s) => {
  const items = ['t1', 't2', 't3'].map((label) => ({ label, picked: s.tables?.includes(label) }));
  s.tables = (await input.pickMany(items, { placeholder: 'Tables' })).map((i) => i.label);
});
const askMode = step({ name: 'mode' }, async (input, s) => {
  s.mode = (await input.pick([{ label: 'simple' }, { label: 'labelled' }], { placeholder: 'Mode' })).label;
});
const askLabel = step({ name: 'label', when: (s) => s.mode === 'labelled' }, async (input, s) => {
  s.label = await input.input({ prompt: 'Label', value: s.label });
});
// `needs` narrows: `s.name` is a string here, without a cast.
const confirm: WizardStep<State> = step({ name: 'confirm', needs: ['name', 'tables'] }, async (input, s) => {
  s.confirmations++;
  const name: string = s.name;
  const choice = (
    await input.pick(Promise.resolve([{ label: 'Done' }, { label: 'Change the tables' }, { label: 'Check again' }]), {
      placeholder: () => `Confirm ${name}`,
      busyPlaceholder: 'Checking…',
    })
  ).label;
  if (choice === 'Change the tables') input.backTo(askTables);
  if (choice === 'Check again') input.backTo(confirm);
});

const wizard: Wizard<State> = { title: 'Backup', steps: [askName, askTables, askMode, askLabel, confirm] };

const positions = (script: ScriptedPrompter): string[] =>
  script.transcript.map((r) => `${r.step}/${r.totalSteps}${r.canGoBack ? ' back' : ''} ${r.answer}`);

describe('ui/multiStepInput', () => {
  it('numbers the steps whose guard holds, offers back after the first, validates, and recounts as answers add steps', async () => {
    const script = new ScriptedPrompter()
      .answerInvalid('Name', ' ', /Enter a name/)
      .answer('Name', 'nightly')
      .chooseMany('Tables', ['t1', 't3'])
      .choose('Mode', 'labelled')
      .answer('Label', 'L1')
      .choose('Checking', 'Done');
    const state: State = { confirmations: 0 };
    assert.strictEqual(await MultiStepInput.run(script, wizard, state), 'done');
    script.assertFinished();
    assert.deepStrictEqual(
      script.transcript.map((r) => [r.kind, r.title, r.step, r.totalSteps, r.canGoBack]),
      [
        ['inputStep', 'Backup', 1, 4, false],
        ['pickManyStep', 'Backup', 2, 4, true],
        ['pickStep', 'Backup', 3, 4, true],
        ['inputStep', 'Backup', 4, 5, true],
        ['pickStep', 'Backup', 5, 5, true],
      ],
    );
    assert.deepStrictEqual(script.transcript[0].validationMessages, ['Enter a name.']);
    assert.strictEqual(script.transcript[4].busyPlaceholder, 'Checking…', 'the busy placeholder reaches the prompter');
    assert.strictEqual(script.transcript[4].placeholder, 'Confirm nightly', 'a placeholder function is read after the items loaded');
    assert.deepStrictEqual({ ...state }, { name: 'nightly', tables: ['t1', 't3'], mode: 'labelled', label: 'L1', confirmations: 1 });
  });

  it('skips a step whose guard does not hold, and Back goes to the previous step taken, not the skipped one', async () => {
    const script = new ScriptedPrompter()
      .answer('Name', 'nightly')
      .chooseMany('Tables', ['t2'])
      .choose('Mode', 'simple')
      .goBack('Checking')
      .choose('Mode', 'labelled')
      .goBack('Label')
      .choose('Mode', 'simple')
      .choose('Checking', 'Done');
    const state: State = { confirmations: 0 };
    assert.strictEqual(await MultiStepInput.run(script, wizard, state), 'done');
    script.assertFinished();
    assert.deepStrictEqual(positions(script), [
      '1/4 nightly',
      '2/4 back t2',
      '3/4 back simple',
      '4/4 back <back>',
      '3/4 back labelled',
      '4/5 back <back>',
      // The label answer stays in the state, but the guard reads the new mode.
      '3/5 back simple',
      '4/4 back Done',
    ]);
    assert.strictEqual(state.mode, 'simple');
  });

  it('goes back with the earlier answer prefilled, jumps back to a step taken earlier, and re-runs the current one at the same number', async () => {
    const script = new ScriptedPrompter()
      .answer('Name', 'nightly')
      .chooseMany('Tables', ['t2'])
      .goBack('Mode')
      .chooseMany('Tables', ['t1', 't2'])
      .choose('Mode', 'simple')
      .choose('Checking', 'Change the tables')
      .chooseMany('Tables', ['t3'])
      .choose('Mode', 'simple')
      .choose('Checking', 'Check again')
      .choose('Checking', 'Done');
    const state: State = { confirmations: 0 };
    assert.strictEqual(await MultiStepInput.run(script, wizard, state), 'done');
    script.assertFinished();
    const tableSteps = script.transcript.filter((r) => r.kind === 'pickManyStep');
    assert.deepStrictEqual(
      tableSteps.map((r) => r.step),
      [2, 2, 2],
      'back and backTo land on step 2 again',
    );
    const preselected = tableSteps.map((r) => r.items?.filter((i) => i.picked).map((i) => i.label));
    assert.deepStrictEqual(preselected, [[], ['t2'], ['t1', 't2']], 'each revisit starts from the earlier answer');
    const confirmations = script.transcript.filter((r) => r.busyPlaceholder === 'Checking…');
    assert.deepStrictEqual(
      confirmations.map((r) => `${r.step}/${r.totalSteps}`),
      ['4/4', '4/4', '4/4'],
      'backTo the current step asks it again at the same number',
    );
    assert.deepStrictEqual(state.tables, ['t3']);
    assert.strictEqual(state.confirmations, 3);
  });

  it('knows which steps were taken, and refuses backTo a step that was not', async () => {
    const seen: boolean[] = [];
    const probe = step({ name: 'probe', needs: ['name'] }, async (input, s) => {
      seen.push(input.hasTaken(askName), input.hasTaken(askLabel));
      await input.pick([{ label: 'Fix the label' }], { placeholder: `Probe ${s.name}` });
      input.backTo(askLabel);
    });
    const script = new ScriptedPrompter().answer('Name', 'x').choose('Probe', 'Fix the label');
    await assert.rejects(
      MultiStepInput.run(script, { title: 'T', steps: [askName, askLabel, probe] }, { confirmations: 0 }),
      /backTo: the step "label" was not taken/,
    );
    assert.deepStrictEqual(seen, [true, false]);
  });

  it('ends as cancelled when a step is dismissed or Back is pressed on the first step, and does not swallow real errors', async () => {
    const dismissed = new ScriptedPrompter().answer('Name', 'x').dismiss('Tables');
    assert.strictEqual(await MultiStepInput.run(dismissed, wizard, { confirmations: 0 }), 'cancelled');
    dismissed.assertFinished();
    const backFromFirst = new ScriptedPrompter().goBack('Name');
    assert.strictEqual(await MultiStepInput.run(backFromFirst, wizard, { confirmations: 0 }), 'cancelled');
    backFromFirst.assertFinished();
    const failing = step({ name: 'failing' }, async () => {
      throw new Error('boom');
    });
    await assert.rejects(MultiStepInput.run(new ScriptedPrompter(), { title: 'T', steps: [failing] }, { confirmations: 0 }), /boom/);
  });

  it('fails loudly on a wizard whose list is wrong: a step run without what it needs, or a step that asks nothing', async () => {
    // confirm needs the tables, which no step before it answers here.
    const script = new ScriptedPrompter().answer('Name', 'x');
    await assert.rejects(
      MultiStepInput.run(script, { title: 'T', steps: [askName, confirm] }, { confirmations: 0 }),
      /Wizard step "confirm" needs tables, which no earlier step answered/,
    );
    script.assertFinished();
    const silent = step({ name: 'silent' }, async (_input, s) => {
      s.mode = 'simple';
    });
    await assert.rejects(
      MultiStepInput.run(new ScriptedPrompter(), { title: 'T', steps: [silent] }, { confirmations: 0 }),
      /Wizard step "silent" asked nothing/,
    );
  });

  it('is done without a prompt when no step applies, and starts at the first step whose guard holds', async () => {
    const none = new ScriptedPrompter();
    assert.strictEqual(await MultiStepInput.run(none, { title: 'T', steps: [askLabel] }, { confirmations: 0 }), 'done');
    assert.strictEqual(none.transcript.length, 0);
    const preset = new ScriptedPrompter().answer('Label', 'L');
    const state: State = { mode: 'labelled', confirmations: 0 };
    assert.strictEqual(
      await MultiStepInput.run(
        preset,
        { title: 'T', steps: [askLabel, step({ name: 'never', when: () => false }, async () => undefined)] },
        state,
      ),
      'done',
    );
    assert.deepStrictEqual(positions(preset), ['1/1 L']);
  });

  it('isAnswered narrows only when every named field holds a value', () => {
    const state: State = { name: 'n', tables: undefined, confirmations: 0 };
    assert.strictEqual(isAnswered(state, ['name']), true);
    assert.strictEqual(isAnswered(state, ['name', 'tables']), false);
    assert.strictEqual(isAnswered(state, []), true);
    assert.strictEqual(isAnswered({ ...state, confirmations: 0 }, ['confirmations']), true, 'a falsy value is an answer');
  });

  it('the scripted prompter fails loudly on an unexpected prompt', async () => {
    const script = new ScriptedPrompter().answer('Name', 'x');
    await assert.rejects(MultiStepInput.run(script, wizard, { confirmations: 0 }), /unexpected prompt/);
    assert.throws(() => script.assertFinished(), /pickManyStep "Backup" \(2\/4\) \[Tables\]: unexpected prompt/);
  });
});
