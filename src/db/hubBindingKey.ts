/** The settings key of a workspace's hub binding (src/db/hubSync.ts), apart so that the shell can ask without loading the sync engine. */
export const hubBindingKey = (ws: string) => `hub:${ws}`;
