import type { StorageDeps } from '../storage/deps';
import type { PlanStore } from './planStore';

/** What the plan commands need: the storage commands' dependencies (retention) plus the plans. */
export interface PlanDeps extends StorageDeps {
  readonly plans: PlanStore;
}
