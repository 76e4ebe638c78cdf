/**
 * A real crash for browser tests: Chromium started by hand (so it can be SIGKILLed, its whole
 * process group, as a power cut or an out-of-memory kill would) on a profile folder that survives
 * it, driven over CDP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { expect } from './fixtures';

export interface Running {
  proc: ChildProcess;
  browser: Browser;
}

export async function launch(profile: string): Promise<Running> {
  const portFile = join(profile, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const args = [...chromiumLaunch.args, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--lang=id-ID', 'about:blank'];
  const proc = spawn(chromiumLaunch.executablePath, args, { detached: true, stdio: 'ignore', env: { ...process.env, TZ: 'Asia/Jakarta' } });
  await expect.poll(() => existsSync(portFile) && readFileSync(portFile, 'utf8').includes('\n'), { timeout: 30_000 }).toBe(true);
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  return { proc, browser: await chromium.connectOverCDP(`http://127.0.0.1:${port}`) };
}

/** Kill the browser and every process it started, as a crash would; wait until it is gone. */
export async function crash(r: Running): Promise<void> {
  if (r.proc.exitCode !== null || r.proc.signalCode !== null) return;
  const gone = new Promise((res) => r.proc.once('exit', res));
  process.kill(-r.proc.pid!, 'SIGKILL');
  await gone;
}
