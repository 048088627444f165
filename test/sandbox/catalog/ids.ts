/**
 * One id sequence for every catalog object, job and task, as the FE's `GlobalStateMgr.getNextId()`.
 * Starts above 10000 like a fresh StarRocks cluster.
 */
export class IdGenerator {
  private nextValue: number;

  constructor(start = 10001) {
    this.nextValue = start;
  }

  next(): number {
    return this.nextValue++;
  }
}
