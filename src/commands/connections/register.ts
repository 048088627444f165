import type * as vscode from 'vscode';
import { CommandIds as Ids } from '../commandIds';
import { registerCommand } from '../registerCommand';
import { forgetPassword, updatePassword } from './passwordCommands';
import { forgetSshHostKey } from './sshHostKeyCommand';
import {
  addConnection,
  addConnectionFromAddress,
  connect,
  disconnect,
  editConnection,
  removeConnection,
  testConnection,
  type ConnectionCommandDeps,
} from './profileCommands';
import { setS3Credentials } from './s3CredentialsCommand';
import { exportConnections, importConnections } from './transferCommands';

/**
 * Registers the connection commands. Each resolves to what it did (the profile, the server info,
 * true/false…), or undefined when it failed or was dismissed; failures are shown to the user.
 */
export function registerConnectionCommands(deps: ConnectionCommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps, Ids.addConnection, () => addConnection(deps)),
    registerCommand(deps, Ids.addConnectionFromAddress, (arg?: unknown) => addConnectionFromAddress(deps, arg)),
    registerCommand(deps, Ids.editConnection, (arg?: unknown) => editConnection(deps, arg)),
    registerCommand(deps, Ids.removeConnection, (arg?: unknown) => removeConnection(deps, arg)),
    registerCommand(deps, Ids.testConnection, (arg?: unknown) => testConnection(deps, arg)),
    registerCommand(deps, Ids.connect, (arg?: unknown) => connect(deps, arg)),
    registerCommand(deps, Ids.disconnect, (arg?: unknown) => disconnect(deps, arg)),
    registerCommand(deps, Ids.forgetPassword, (arg?: unknown) => forgetPassword(deps, arg)),
    registerCommand(deps, Ids.updatePassword, (arg?: unknown) => updatePassword(deps, arg)),
    registerCommand(deps, Ids.forgetSshHostKey, (arg?: unknown) => forgetSshHostKey(deps, arg)),
    registerCommand(deps, Ids.setS3Credentials, (arg?: unknown) => setS3Credentials(deps, arg)),
    registerCommand(deps, Ids.exportConnections, (arg?: unknown) => exportConnections(deps, arg)),
    registerCommand(deps, Ids.importConnections, (arg?: unknown) => importConnections(deps, arg)),
  ];
}
