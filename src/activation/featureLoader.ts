import type * as vscode from 'vscode';
import type { ActivationShell, Features } from '../features';

/**
 * Loads the features (`src/features.ts`, bundled apart as `dist/features.js`) on first use, once.
 *
 * Activation registers proxies under the real command ids and providers (`commandProxies.ts`,
 * `lazyProviders.ts`); the first call to any of them, or the first expansion of the view, comes
 * here. The proxies are disposed right before `startFeatures()` registers the real commands and
 * providers in the same synchronous turn, so no command is ever missing or registered twice; a
 * call already in flight in a proxy is answered by the loaded features.
 */
export class FeatureLoader implements vscode.Disposable {
  private loading: Promise<Features> | undefined;
  private readonly proxies: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly shell: ActivationShell,
    private readonly onLoaded: (features: Features) => void,
  ) {}

  /** Proxies to dispose when the real registrations take their place. */
  addProxies(...disposables: vscode.Disposable[]): void {
    this.proxies.push(...disposables);
  }

  get loaded(): boolean {
    return this.loading !== undefined;
  }

  /** Disposes the proxies that are still registered (the features never loaded). */
  dispose(): void {
    for (const proxy of this.proxies.splice(0)) proxy.dispose();
  }

  load(): Promise<Features> {
    this.loading ??= import('../features').then((module) => {
      this.dispose();
      const features = module.startFeatures(this.context, this.shell);
      this.onLoaded(features);
      return features;
    });
    return this.loading;
  }
}
