import * as vscode from 'vscode';

/** Which snapshot a decoration is about; carries the location so a provider can reach S3 without SQL. */
export interface SnapshotRef {
  profileId: string;
  repository: string;
  /** The repository location as SHOW REPOSITORIES reports it (`s3a://bucket/prefix`). */
  location: string;
  label: string;
  /** Undefined for an incomplete snapshot that has no info file yet. */
  timestamp?: string;
}

/** What a snapshot node shows besides the SQL facts: its size on storage, once known. */
export interface SnapshotDecoration {
  sizeBytes?: number;
  objectCount?: number;
}

/**
 * The hook through which the storage layer adds sizes to snapshot nodes. `getDecoration` is called
 * each time a snapshot node renders; a provider answers from what it already knows (or undefined),
 * may start measuring in the background, and fires `onDidChangeDecorations` when it learnt more.
 * The tree holds no S3 logic itself.
 */
export interface SnapshotDecorations {
  readonly onDidChangeDecorations: vscode.Event<void>;
  getDecoration(ref: SnapshotRef): SnapshotDecoration | undefined;
}

/** Lets several providers register and presents them to the tree as one. */
export class SnapshotDecorationsHub implements SnapshotDecorations, vscode.Disposable {
  private readonly providers = new Set<SnapshotDecorations>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeDecorations = this.emitter.event;

  register(provider: SnapshotDecorations): vscode.Disposable {
    this.providers.add(provider);
    const listener = provider.onDidChangeDecorations(() => this.emitter.fire());
    this.emitter.fire();
    return new vscode.Disposable(() => {
      listener.dispose();
      this.providers.delete(provider);
      this.emitter.fire();
    });
  }

  getDecoration(ref: SnapshotRef): SnapshotDecoration | undefined {
    let merged: SnapshotDecoration | undefined;
    for (const provider of this.providers) {
      const found = provider.getDecoration(ref);
      if (found) {
        merged = { ...merged, ...found };
      }
    }
    return merged;
  }

  dispose(): void {
    this.providers.clear();
    this.emitter.dispose();
  }
}
