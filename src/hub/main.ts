/**
 * `npm run hub`: the city hub on 127.0.0.1:8787.
 *   HUB_DATA      data folder (default ./hub-data): PGlite's database and the evidence store
 *   DATABASE_URL  a PostgreSQL server instead of PGlite (postgres://user:pass@host/db)
 *   HUB_HOST, HUB_PORT
 *   HUB_TRUST_PROXY=1 behind a reverse proxy (client addresses from X-Forwarded-For)
 *   HUB_SIGNINS_PER_ADDRESS sign-in attempts a minute from one address (default 120)
 *   HUB_APP_DIR   the built app it serves (default dist/, made by `vite build`)
 *   HUB_SETUP_CODE, HUB_PROVINCE_CODE codes to use instead of random ones (tests)
 * With no workspace yet, it prints a one-time setup code; `npm run hub -- --new-workspace-code`
 * prints another (a province hub holds many cities). `--new-province-code "Jawa Tengah"` prints a
 * one-time code for a province account, which sees that province's cities side by side.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newInviteCode } from './auth.ts';
import { openDb } from './db.ts';
import { addProvinceCode } from './province.ts';
import { buildHub, setSetupCode } from './server.ts';

const dataDir = resolve(process.env.HUB_DATA ?? 'hub-data');
mkdirSync(dataDir, { recursive: true });
const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: join(dataDir, 'pglite') });
const appDir = resolve(process.env.HUB_APP_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist'));
const { app } = await buildHub({ db, dataDir, logger: process.env.HUB_QUIET !== '1', appDir, trustProxy: process.env.HUB_TRUST_PROXY === '1', signInsPerAddress: Number(process.env.HUB_SIGNINS_PER_ADDRESS) || undefined });
const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from workspaces');
if (n === 0 || process.argv.includes('--new-workspace-code')) {
  const code = process.env.HUB_SETUP_CODE ?? newInviteCode();
  await setSetupCode(db, code);
  console.log(`\n  Kode penyiapan ruang kerja (sekali pakai) / workspace setup code: ${code}\n`);
}
const provinceArg = process.argv.indexOf('--new-province-code');
if (provinceArg > 0) {
  const province = process.argv[provinceArg + 1] ?? '';
  if (!province.trim() || province.startsWith('--')) {
    console.error('--new-province-code needs the province\'s name, e.g. --new-province-code "Jawa Tengah"');
    process.exit(2);
  }
  const code = process.env.HUB_PROVINCE_CODE ?? newInviteCode();
  await addProvinceCode(db, code, province);
  console.log(`\n  Kode akun provinsi ${province.trim()} (sekali pakai, 30 hari) / province account code: ${code}\n`);
}
const port = Number(process.env.HUB_PORT ?? 8787);
await app.listen({ host: process.env.HUB_HOST ?? '127.0.0.1', port });
const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
