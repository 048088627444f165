/**
 * Lets the polling core reach servers through the connection manager without knowing it.
 */
import type { ConnectionService } from '../connections/types';
import type { SessionSource } from './core/trackerCore';

export function connectionSessionSource(connections: ConnectionService): SessionSource {
  return {
    connectedProfiles: () =>
      connections
        .listProfiles()
        .filter((p) => connections.peekSession(p.id) !== undefined)
        .map((p) => p.id),
    async sessionFor(profileId, interactive) {
      const open = connections.peekSession(profileId);
      if (open) return open;
      // A background poll must not pop up a password prompt (e.g. right after startup); such a
      // connection is polled once the user opens it.
      if (!interactive && connections.getProfile(profileId)?.passwordMode === 'ask') return undefined;
      return connections.getSession(profileId);
    },
    exists: (profileId) => connections.getProfile(profileId) !== undefined,
  };
}
