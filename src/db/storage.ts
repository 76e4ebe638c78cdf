/** Browser storage health: persistence (so the browser does not evict our data) and quota use. */
export interface StorageHealth {
  supported: boolean;
  persisted: boolean;
  usage: number | null;
  quota: number | null;
}

export async function getStorageHealth(): Promise<StorageHealth> {
  const s = globalThis.navigator?.storage;
  if (!s) return { supported: false, persisted: false, usage: null, quota: null };
  const [persisted, est] = await Promise.all([s.persisted?.() ?? Promise.resolve(false), s.estimate?.() ?? Promise.resolve({} as StorageEstimate)]);
  return { supported: true, persisted, usage: est.usage ?? null, quota: est.quota ?? null };
}

/** Ask for persistent storage (granted silently for installed apps or engaged sites in Chromium). */
export async function requestPersistence(): Promise<boolean> {
  const s = globalThis.navigator?.storage;
  if (!s?.persist) return false;
  try {
    return await s.persist();
  } catch {
    return false;
  }
}
