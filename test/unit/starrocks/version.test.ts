import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareVersions, parseServerVersion } from '../../../src/starrocks/version';

const part = fc.integer({ min: 0, max: 999 });
const triple = fc.tuple(part, part, part);
/** What servers append after the number: a commit hash, a release candidate tag, nothing. */
const suffix = fc.oneof(
  fc.constant(''),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 7, maxLength: 10 }).map((h) => `-${h}`),
  fc.nat(99).map((n) => `-rc${n}`),
);

describe('starrocks/version parseServerVersion', () => {
  it('reads the forms StarRocks and CelerData report', () => {
    const cases: [string, [number, number, number]][] = [
      ['3.4.1', [3, 4, 1]],
      ['3.4.1-a1b2c3d', [3, 4, 1]],
      ['4.2.0-rc01', [4, 2, 0]],
      ['2.5', [2, 5, 0]],
      ['v3.3.9', [3, 3, 9]],
      // current_version() on a MySQL-compatible port: the MySQL version first, then StarRocks'.
      ['5.1.0 3.3.2-abc', [3, 3, 2]],
      ['  3.5.0-ee\n', [3, 5, 0]],
    ];
    for (const [raw, [major, minor, patch]] of cases) {
      const parsed = parseServerVersion(raw);
      assert.deepEqual(parsed && [parsed.major, parsed.minor, parsed.patch], [major, minor, patch], raw);
    }
  });

  it('keeps the reported string, trimmed, for display', () => {
    assert.equal(parseServerVersion(' 3.4.1-a1b2c3d ')?.raw, '3.4.1-a1b2c3d');
  });

  it('returns undefined when there is no version in the text', () => {
    for (const raw of ['', '   ', 'unknown', 'StarRocks', '3', 'x.y.z', '.3.4']) {
      assert.equal(parseServerVersion(raw), undefined, JSON.stringify(raw));
    }
  });

  it('round-trips any major.minor.patch with any suffix', () => {
    fc.assert(
      fc.property(triple, suffix, ([major, minor, patch], tail) => {
        const parsed = parseServerVersion(`${major}.${minor}.${patch}${tail}`);
        assert.deepEqual(parsed && [parsed.major, parsed.minor, parsed.patch], [major, minor, patch]);
      }),
    );
  });

  it('takes the last version in the text when a MySQL version precedes it', () => {
    fc.assert(
      fc.property(triple, triple, suffix, (mysql, [major, minor, patch], tail) => {
        const parsed = parseServerVersion(`${mysql.join('.')} ${major}.${minor}.${patch}${tail}`);
        assert.equal(parsed && `${parsed.major}.${parsed.minor}.${parsed.patch}`, `${major}.${minor}.${patch}`);
      }),
    );
  });
});

describe('starrocks/version compareVersions', () => {
  const asVersion = ([major, minor, patch]: [number, number, number]) => ({ major, minor, patch });

  it('orders by major, then minor, then patch', () => {
    assert.ok(compareVersions(asVersion([3, 4, 0]), asVersion([3, 3, 9])) > 0);
    assert.ok(compareVersions(asVersion([2, 5, 22]), asVersion([3, 0, 0])) < 0);
    assert.ok(compareVersions(asVersion([4, 2, 1]), asVersion([4, 2, 0])) > 0);
    assert.equal(compareVersions(asVersion([3, 4, 1]), asVersion([3, 4, 1])), 0);
  });

  it('agrees with the lexicographic order of the number triples and is antisymmetric', () => {
    fc.assert(
      fc.property(triple, triple, (a, b) => {
        const expected = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
        const actual = compareVersions(asVersion(a), asVersion(b));
        assert.equal(Math.sign(actual), Math.sign(expected));
        assert.equal(Math.sign(compareVersions(asVersion(b), asVersion(a))), -Math.sign(actual));
      }),
    );
  });
});
