/**
 * For journeys whose steps each continue where the previous one left the workbench: after a
 * failure the remaining steps are skipped (they would fail for the same reason, hiding the first).
 * Registers the hooks in the calling `describe`.
 */
export function skipAfterFirstFailure(): void {
  let broken = false;
  beforeEach(function () {
    if (broken) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken = true;
  });
}
