/**
 * `npm run test:hub:pg`: the hub's tests against a real PostgreSQL server (Debian's postgresql,
 * installed and started by .ci/run). HUB_TEST_DATABASE_URL names a role that may create
 * databases (each test file makes its own and drops it); default: the one .ci/run creates.
 */
import { spawnSync } from 'node:child_process';

const url = process.env.HUB_TEST_DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:5432/postgres';
const r = spawnSync('npx', ['vitest', 'run', 'test/unit/hub'], { stdio: 'inherit', env: { ...process.env, HUB_TEST_DATABASE_URL: url } });
process.exit(r.status ?? 1);
