/**
 * Storage against the FE's view (SHOW SNAPSHOT): a `__ss_` folder the FE does not list, or a
 * snapshot the FE lists without a folder on storage, means the two look at different places
 * (another endpoint, the legacy prefix, other credentials) or that someone changed the files.
 */
export interface ServerComparison {
  /** Folders on storage that SHOW SNAPSHOT does not list. */
  onlyOnStorage: string[];
  /** Snapshots SHOW SNAPSHOT lists with no folder on storage. */
  onlyOnServer: string[];
}

export function compareWithServer(storageLabels: Iterable<string>, serverLabels: Iterable<string>): ServerComparison {
  const storage = new Set(storageLabels);
  const server = new Set(serverLabels);
  return {
    onlyOnStorage: [...storage].filter((l) => !server.has(l)).sort(),
    onlyOnServer: [...server].filter((l) => !storage.has(l)).sort(),
  };
}
