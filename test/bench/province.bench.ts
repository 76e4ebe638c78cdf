/**
 * `npm run bench -- province` (on request): how GET /api/province grows (issue 12, point 5). A
 * province hub on PGlite in memory with PROVINCE_CITIES cities (default 35), each with every
 * question's points and PROVINCE_DOCS documents linked to questions (default 5,000): the
 * milliseconds of one view (median of 5 after a warm-up), the links read, the hub's memory.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../src/hub/db.ts';
import { addProvinceCode, rulesFor } from '../../src/hub/province.ts';
import { WRITE_HEADER, buildHub } from '../../src/hub/server.ts';

export default async function provinceBench(): Promise<Record<string, unknown>> {
  const cities = Number(process.env.PROVINCE_CITIES ?? 35);
  const docs = Number(process.env.PROVINCE_DOCS ?? 5000);
  const db = await openPglite();
  const { app } = await buildHub({ db, dataDir: mkdtempSync(join(tmpdir(), 'kla-prov-bench-')) });
  const rules = await rulesFor('kla-2024');
  const codes = [...rules.questionByCode.values()];
  const t0 = Date.now();
  await db.exec("insert into users (id, username, display_name, password_hash, role) values ('u0', 'seed', 'Seed', 'x', 'admin')");
  for (let c = 0; c < cities; c++) {
    const ws = randomUUID();
    await db.query("insert into workspaces (id, name, province, rules_id) values ($1, $2, 'Jawa Tengah', 'kla-2024')", [ws, `Kota ${c}`]);
    await db.query(
      `insert into answer_fields (workspace_id, question_code, field, value, edited_at, edited_by)
       select $1, q, 'points', to_jsonb(1), now(), 'u0' from unnest($2::text[]) q`,
      [ws, codes.map((q) => q.code)],
    );
    await db.query(
      `insert into documents (id, workspace_id, sha256, name, size, uploaded_by)
       select $1 || '-' || g, $1, repeat('a', 64), 'bukti.pdf', 1, 'u0' from generate_series(1, $2::int) g`,
      [ws, docs],
    );
    await db.query(
      `insert into links (workspace_id, document_id, question_code, edited_at, edited_by)
       select $1, $1 || '-' || g, ($2::text[])[1 + (g % array_length($2::text[], 1))], now(), 'u0' from generate_series(1, $3::int) g`,
      [ws, codes.map((q) => q.code), docs],
    );
  }
  const seedSeconds = (Date.now() - t0) / 1000;
  await addProvinceCode(db, 'BENC-HPRO-VINS-I234', 'Jawa Tengah');
  const join1 = await app.inject({ method: 'POST', url: '/api/join', headers: { [WRITE_HEADER]: '1', 'content-type': 'application/json' }, payload: JSON.stringify({ code: 'BENC-HPRO-VINS-I234', username: 'prov', displayName: 'Prov', password: 'kata-sandi-yang-panjang' }) });
  const cookie = `kla_hub=${join1.cookies.find((k) => k.name === 'kla_hub')!.value}`;
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 6; i++) {
    const s = performance.now();
    const r = await app.inject({ method: 'GET', url: '/api/province', headers: { cookie } });
    if (i > 0) times.push(performance.now() - s);
    rows = JSON.parse(r.body).cities.length;
  }
  times.sort((a, b) => a - b);
  const out = { cities, rows, documentsPerCity: docs, links: cities * docs, seedSeconds, viewMsMedian: Math.round(times[2]), viewMsMax: Math.round(times.at(-1)!), rssMB: Math.round(process.memoryUsage().rss / 1e6) };
  await app.close();
  await db.close();
  return out;
}
