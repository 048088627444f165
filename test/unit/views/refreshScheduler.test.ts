import * as assert from 'node:assert/strict';
import { RefreshScheduler } from '../../../src/views/refreshScheduler';
import { ManualClock } from '../support/manualClock';

/** A view whose visibility the test switches; listeners are called like `onDidChangeVisibility`'s. */
class FakeView {
  visible = false;
  private listeners: (() => void)[] = [];
  readonly onDidChangeVisibility = (listener: () => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  setVisible(visible: boolean): void {
    this.visible = visible;
    for (const listener of this.listeners) listener();
  }
}

const DEBOUNCE_MS = 20;

function setup() {
  const clock = new ManualClock();
  const view = new FakeView();
  const fired: (string | undefined)[] = [];
  const scheduler = new RefreshScheduler<string>((node) => fired.push(node), DEBOUNCE_MS, clock);
  scheduler.attach(view);
  return { clock, view, fired, scheduler };
}

describe('views/refreshScheduler', () => {
  it('holds refreshes back while the view is hidden and fires them once it is visible', () => {
    const { clock, view, fired, scheduler } = setup();
    scheduler.request('a');
    scheduler.request('b');
    clock.advance(DEBOUNCE_MS * 4);
    assert.deepEqual(fired, [], 'nothing fires while hidden');
    assert.ok(scheduler.hasPending());
    view.setVisible(true);
    assert.deepEqual(fired, [], 'not before the debounce time');
    clock.advance(DEBOUNCE_MS);
    assert.deepEqual(fired, ['a', 'b'], 'pending refreshes fire once the view is visible');
    assert.equal(scheduler.hasPending(), false);
  });

  it('coalesces a burst: repeated nodes once, and a whole-tree refresh covers node refreshes', () => {
    const { clock, view, fired, scheduler } = setup();
    view.setVisible(true);
    scheduler.request('a');
    scheduler.request('a');
    clock.advance(DEBOUNCE_MS - 1);
    assert.deepEqual(fired, [], 'still within the debounce time');
    scheduler.request(undefined);
    scheduler.request('c');
    clock.advance(1);
    assert.deepEqual(fired, [undefined], 'one whole-tree refresh for the burst');
  });

  it('flush fires what is pending at once (visible only), and dispose drops it', () => {
    const { clock, view, fired, scheduler } = setup();
    scheduler.request('a');
    scheduler.flush();
    assert.deepEqual(fired, [], 'a hidden view is not refreshed even on flush');
    view.setVisible(true);
    scheduler.flush();
    assert.deepEqual(fired, ['a']);
    clock.advance(DEBOUNCE_MS);
    assert.deepEqual(fired, ['a'], 'the debounce timer was cancelled by the flush');
    scheduler.request('b');
    scheduler.dispose();
    clock.advance(DEBOUNCE_MS);
    view.setVisible(true);
    clock.advance(DEBOUNCE_MS);
    assert.deepEqual(fired, ['a'], 'nothing fires after dispose');
  });
});
