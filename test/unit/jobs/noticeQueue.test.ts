import * as assert from 'assert';
import { NoticeQueue } from '../../../src/jobs/core/noticeQueue';
import { ManualClock } from '../support/manualClock';

interface Note {
  key: string;
  text: string;
}

function setup() {
  const clock = new ManualClock();
  const shown: string[] = [];
  const closers: (() => void)[] = [];
  const queue = new NoticeQueue<Note>(
    (note) => {
      shown.push(note.text);
      return new Promise<void>((resolve) => closers.push(resolve));
    },
    (notes) => ({ key: 'summary', text: `summary of ${notes.map((n) => n.text).join('+')}` }),
    clock,
    10_000,
  );
  return { clock, shown, closers, queue };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('jobs/noticeQueue', () => {
  it('shows one notice at a time and the next when the first is closed', async () => {
    const { shown, closers, queue } = setup();
    queue.push({ key: 'a', text: 'A' });
    queue.push({ key: 'b', text: 'B' });
    assert.deepStrictEqual(shown, ['A']);
    closers[0]();
    await settle();
    assert.deepStrictEqual(shown, ['A', 'B']);
  });

  it('turns several waiting notices into one summary', async () => {
    const { shown, closers, queue } = setup();
    queue.push({ key: 'a', text: 'A' });
    queue.push({ key: 'b', text: 'B' });
    queue.push({ key: 'c', text: 'C' });
    closers[0]();
    await settle();
    assert.deepStrictEqual(shown, ['A', 'summary of B+C']);
  });

  it('replaces a waiting notice about the same job with the newer one', async () => {
    const { shown, closers, queue } = setup();
    queue.push({ key: 'x', text: 'first' });
    queue.push({ key: 'job', text: 'stuck' });
    queue.push({ key: 'job', text: 'failed' });
    closers[0]();
    await settle();
    assert.deepStrictEqual(shown, ['first', 'failed']);
  });

  it('lets the next notice through after the hold time when nobody closes one', () => {
    const { clock, shown, queue } = setup();
    queue.push({ key: 'a', text: 'A' });
    queue.push({ key: 'b', text: 'B' });
    clock.advance(9_999);
    assert.deepStrictEqual(shown, ['A']);
    clock.advance(1);
    assert.deepStrictEqual(shown, ['A', 'B']);
  });

  it('is idle only when nothing is on screen and nothing waits', async () => {
    const { closers, queue } = setup();
    assert.strictEqual(queue.idle, true);
    queue.push({ key: 'a', text: 'A' });
    queue.push({ key: 'b', text: 'B' });
    assert.strictEqual(queue.idle, false);
    closers[0]();
    await settle();
    assert.strictEqual(queue.idle, false, 'B is on screen now');
    closers[1]();
    await settle();
    assert.strictEqual(queue.idle, true);
  });

  it('shows nothing after dispose', () => {
    const { shown, queue } = setup();
    queue.dispose();
    queue.push({ key: 'a', text: 'A' });
    assert.deepStrictEqual(shown, []);
  });
});
