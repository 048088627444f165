import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/views/nodes/explorerNode';

/**
 * Helpers for suites that walk the StarRocks Backup explorer through its data provider
 * (`api.tree`), the way the view itself does: getChildren / getTreeItem.
 */
export const EXTENSION_ID = 'starrocks-backup.starrocks-backup';

export async function activateApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function descriptionOf(item: vscode.TreeItem): string {
  return typeof item.description === 'string' ? item.description : '';
}

export function tooltipOf(item: vscode.TreeItem): string {
  const tooltip = item.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

export function words(item: vscode.TreeItem): string[] {
  return (item.contextValue ?? '').split(/\s+/).filter(Boolean);
}

export async function childrenOf(api: ExtensionApi, node?: ExplorerNode): Promise<{ node: ExplorerNode; item: vscode.TreeItem }[]> {
  const children = await api.tree.getChildren(node);
  return children.map((child) => ({ node: child, item: api.tree.getTreeItem(child) as vscode.TreeItem }));
}

/** The child whose label is `label` (fails with the labels there are). */
export async function childLabelled(
  api: ExtensionApi,
  node: ExplorerNode | undefined,
  label: string,
): Promise<{ node: ExplorerNode; item: vscode.TreeItem }> {
  const children = await childrenOf(api, node);
  const found = children.find((c) => labelOf(c.item) === label);
  assert.ok(
    found,
    `no child "${label}" under ${node ? labelOf(api.tree.getTreeItem(node) as vscode.TreeItem) : 'the root'}; children: ${children.map((c) => labelOf(c.item)).join(' | ')}`,
  );
  return found;
}

/** The root node of a connection profile. */
export async function connectionNodeOf(api: ExtensionApi, profileId: string): Promise<ExplorerNode> {
  const roots = await api.tree.getChildren();
  const found = roots.find((node) => (api.tree.getTreeItem(node) as vscode.TreeItem).id === `c:${profileId}`);
  assert.ok(found, `no root node for profile ${profileId}`);
  return found;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
