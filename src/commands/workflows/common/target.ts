import { ConnectionNode } from '../../../views/nodes/connectionNode';
import { ExplorerNode } from '../../../views/nodes/explorerNode';
import { DrillNode, PlanNode } from '../../../views/nodes/planNodes';
import { RepositoryNode } from '../../../views/nodes/repositoryNode';
import { SnapshotDatabaseNode, SnapshotPartitionNode, SnapshotTableNode } from '../../../views/nodes/snapshotContentNodes';
import { SnapshotNode } from '../../../views/nodes/snapshotNode';

/**
 * What a workflow was invoked on, as far as it is known: from a tree node (and its ancestors), from
 * a plain object (other commands, tests), or nothing from the palette, when the workflow asks.
 */
export interface WorkflowTarget {
  profileId?: string;
  repository?: string;
  label?: string;
  timestamp?: string;
  database?: string;
  table?: string;
  partition?: string;
  /** Restore on this connection instead of asking where (Migrate to Another Cluster… chose it first). */
  targetProfileId?: string;
  /** A backup plan's name (plan nodes, the plan file's CodeLens). */
  plan?: string;
}

export function targetOf(argument: unknown): WorkflowTarget {
  if (argument instanceof ExplorerNode) {
    return targetOfNode(argument);
  }
  if (typeof argument === 'object' && argument !== null) {
    const raw = argument as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    return {
      profileId: text('profileId'),
      repository: text('repository'),
      label: text('label'),
      timestamp: text('timestamp'),
      database: text('database'),
      table: text('table'),
      partition: text('partition'),
      targetProfileId: text('targetProfileId'),
      plan: text('plan'),
    };
  }
  if (typeof argument === 'string') {
    return { profileId: argument };
  }
  return {};
}

/** Collects what each node on the way to the root contributes. */
function targetOfNode(node: ExplorerNode): WorkflowTarget {
  const target: WorkflowTarget = {};
  for (let current: ExplorerNode | undefined = node; current; current = current.parent) {
    if (current instanceof ConnectionNode) {
      target.profileId ??= current.profileId;
    } else if (current instanceof RepositoryNode) {
      target.profileId ??= current.profileId;
      target.repository ??= current.name;
    } else if (current instanceof SnapshotNode) {
      target.label ??= current.label;
      target.timestamp ??= current.timestamp;
    } else if (current instanceof SnapshotDatabaseNode) {
      target.database ??= current.database;
    } else if (current instanceof SnapshotTableNode) {
      target.table ??= current.table.name;
    } else if (current instanceof SnapshotPartitionNode) {
      target.partition ??= current.partition;
    } else if (current instanceof PlanNode) {
      target.plan ??= current.plan.name;
      target.repository ??= current.plan.repository;
    } else if (current instanceof DrillNode) {
      target.label ??= current.drill.label;
      target.timestamp ??= current.drill.timestamp;
    }
  }
  return target;
}
