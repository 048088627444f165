import * as assert from 'assert';
import { KnownSnapshots, sameSnapshots } from '../../../src/catalog/knownSnapshots';
import type { SnapshotSummary } from '../../../src/starrocks/models';

function summary(label: string, timestamp: string): SnapshotSummary {
  return { label, timestamps: [timestamp], invalidFiles: [], status: 'OK', statusText: 'OK' };
}

describe('KnownSnapshots', () => {
  const list = [summary('a', '2024-01-01-00-00-00-000'), summary('b', '2024-01-02-00-00-00-000')];

  it('keeps the last list per connection and repository', () => {
    const known = new KnownSnapshots();
    assert.equal(known.get('p1', 'repo'), undefined);
    known.record(known.begin(), 'p1', 'repo', list);
    assert.equal(known.get('p1', 'repo'), list);
    assert.equal(known.get('p2', 'repo'), undefined, 'another connection knows nothing of it');
    assert.equal(known.get('p1', 'other'), undefined);
  });

  it('hands back the known array when a new read has the same content, and the new one when it differs', () => {
    const known = new KnownSnapshots();
    known.record(known.begin(), 'p1', 'repo', list);
    const same = list.map((s) => ({ ...s, timestamps: [...s.timestamps] }));
    assert.equal(known.record(known.begin(), 'p1', 'repo', same), list);
    const changed = [...same, summary('c', '2024-01-03-00-00-00-000')];
    assert.equal(known.record(known.begin(), 'p1', 'repo', changed), changed);
    assert.equal(known.get('p1', 'repo'), changed);
  });

  it('does not record a read that was sent before a forget (it may predate a write)', () => {
    const known = new KnownSnapshots();
    const started = known.begin();
    known.forget('p1', 'repo');
    known.record(started, 'p1', 'repo', list);
    assert.equal(known.get('p1', 'repo'), undefined);
  });

  it('forgets one repository, one connection, or everything', () => {
    const known = new KnownSnapshots();
    for (const [p, r] of [
      ['p1', 'a'],
      ['p1', 'b'],
      ['p2', 'a'],
    ]) {
      known.record(known.begin(), p, r, list);
    }
    known.forget('p1', 'a');
    assert.deepEqual([known.get('p1', 'a'), !!known.get('p1', 'b'), !!known.get('p2', 'a')], [undefined, true, true]);
    known.forget('p1');
    assert.deepEqual([known.get('p1', 'b'), !!known.get('p2', 'a')], [undefined, true]);
    known.forget();
    assert.equal(known.get('p2', 'a'), undefined);
  });

  it('compares content and order', () => {
    assert.ok(sameSnapshots(list, [...list]));
    assert.ok(!sameSnapshots(list, [...list].reverse()));
    assert.ok(!sameSnapshots(list, [list[0], { ...list[1], status: 'ERROR', statusText: 'ERROR' }]));
  });
});
