import * as vscode from 'vscode';
import { guarded } from './guarded';
import { ConnectionCommandIds as Ids } from './ids';
import { forgetPassword, updatePassword } from './passwordCommands';
import { addConnection, connect, disconnect, editConnection, removeConnection, testConnection, type ConnectionCommandDeps } from './profileCommands';
import { setS3Credentials } from './s3CredentialsCommand';
import { exportConnections, importConnections } from './transferCommands';

/**
 * Registers the connection commands. Each resolves to what it did (the profile, the server info,
 * true/false…), or undefined when it failed or was dismissed; failures are shown to the user.
 */
export function registerConnectionCommands(deps: ConnectionCommandDeps): vscode.Disposable[] {
  const commands: [string, (arg?: unknown) => Promise<unknown>][] = [
    [Ids.add, () => addConnection(deps)],
    [Ids.edit, (arg) => editConnection(deps, arg)],
    [Ids.remove, (arg) => removeConnection(deps, arg)],
    [Ids.test, (arg) => testConnection(deps, arg)],
    [Ids.connect, (arg) => connect(deps, arg)],
    [Ids.disconnect, (arg) => disconnect(deps, arg)],
    [Ids.forgetPassword, (arg) => forgetPassword(deps, arg)],
    [Ids.updatePassword, (arg) => updatePassword(deps, arg)],
    [Ids.setS3Credentials, (arg) => setS3Credentials(deps, arg)],
    [Ids.exportConnections, (arg) => exportConnections(deps, arg)],
    [Ids.importConnections, (arg) => importConnections(deps, arg)],
  ];
  return commands.map(([id, body]) => vscode.commands.registerCommand(id, guarded(deps.log, body)));
}
