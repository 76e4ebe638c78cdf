#!/usr/bin/env node
// Before the browser tests: make sure Debian's Chromium is there (never a downloaded browser:
// this machine has no internet but Debian's and npm's package mirrors). Installs it with apt-get
// when missing and we are root; otherwise fails with what to do. Exit 1 = browser tests cannot run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.error(`Chromium not found at ${path}. Install it: sudo apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  console.error('Installing Debian chromium for the browser tests…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium', { stdio: 'inherit' });
}
try {
  const v = execSync(`${path} --version`, { encoding: 'utf8' }).trim();
  console.error(`Browser tests use ${v}`);
} catch (e) {
  console.error(`Chromium at ${path} does not run: ${e.message}`);
  process.exit(1);
}
