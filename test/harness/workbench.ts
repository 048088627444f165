import type { CodeServer } from './codeServer';

export interface WorkbenchOptions {
  /** The folder opened in the workbench. */
  workspace: string;
  /** Absolute path of the extension loaded in development mode (the project root). */
  extensionDevelopmentPath: string;
  /** Absolute path of a compiled module exporting run(); omit to open the workbench without tests. */
  extensionTestsPath?: string;
}

/**
 * The server-side form of a path. The workbench only runs tests on the remote (server) extension
 * host when given `vscode-remote://` URIs; a plain path yields "No extension host found that can
 * launch the test runner".
 */
export function remoteUri(server: CodeServer, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}

/** The workbench URL with a `payload` that loads the extension (and optionally its tests). */
export function workbenchUrl(server: CodeServer, options: WorkbenchOptions): string {
  const payload: [string, string][] = [['extensionDevelopmentPath', remoteUri(server, options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server, options.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder: options.workspace, payload: JSON.stringify(payload) });
  return `${server.origin}/?${query.toString()}`;
}
