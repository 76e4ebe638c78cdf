/**
 * A real hub process for browser tests (`tsx src/hub/main.ts`): PGlite in a fresh data folder,
 * serving the built app (E2E_DIST) on its own port, so the app and the API share an origin as in
 * real use. kill() ends it as a crash would (SIGKILL); start() again on the same folder resumes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const HUB_SETUP_CODE = 'E2EH-UBSE-TUPC-ODE2';

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export class HubProcess {
  private child: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'kla-hub-e2e-'));
  private constructor(readonly port: number) {}

  static async create(): Promise<HubProcess> {
    return new HubProcess(await freePort());
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `args` and `env` go to main.ts (e.g. --new-province-code "Banten", HUB_PROVINCE_CODE). */
  async start(args: string[] = [], env: Record<string, string> = {}): Promise<void> {
    this.child = spawn('npx', ['tsx', 'src/hub/main.ts', ...args], {
      env: {
        ...process.env,
        ...env,
        HUB_PORT: String(this.port),
        HUB_DATA: this.dataDir,
        HUB_APP_DIR: resolve(process.env.E2E_DIST ?? 'dist'),
        HUB_SETUP_CODE,
        HUB_QUIET: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'], // its stdout to our stderr: a bench's stdout is its JSON alone
      detached: true, // its own process group, so kill() ends npx and node together
    });
    this.child.stdout?.pipe(process.stderr);
    // a loaded CI machine may take a while (tsx, then PGlite's first start): up to 2 minutes
    let exited: number | null = null;
    this.child.once('exit', (code) => (exited = code ?? -1));
    for (let i = 0; i < 1200 && exited === null; i++) {
      if (await fetch(`${this.url}/api/hub`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(exited === null ? 'hub did not start in 2 minutes' : `hub exited with ${exited}`);
  }

  /** The hub's Node process (for its memory), once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  kill(): void {
    try {
      if (this.child?.pid) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    this.child = null;
  }
}
