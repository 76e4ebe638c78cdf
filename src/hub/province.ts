/**
 * The province view on the hub (issue 12, point 5): a province account sees every city workspace
 * of its province scored as the app scores it (domain/province.ts): the points the officers
 * entered, and which questions have a document linked. Never the evidence itself.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CityInput } from '../domain/province.ts';
import { loadRulesText, type Rules } from '../domain/rules/load.ts';
import { normaliseCode, tokenHash } from './auth.ts';
import type { HubDb, Sql } from './db.ts';

export const PROVINCE_CODE_DAYS = 30;

/** A one-time code that creates one account for the province (made on the hub's machine). */
export async function addProvinceCode(db: HubDb, code: string, province: string, now = new Date()): Promise<void> {
  const name = province.trim().replace(/\s+/g, ' ');
  if (!name || name.length > 80) throw new Error('province: 1-80 characters');
  await db.query('insert into province_codes (code_hash, province, created_at, expires_at) values ($1, $2, $3, $4) on conflict (code_hash) do nothing', [
    tokenHash(normaliseCode(code)),
    name,
    now,
    new Date(now.getTime() + PROVINCE_CODE_DAYS * 86400_000),
  ]);
}

/** The rules a workspace was created with (scoring-rules/<id>.json), parsed once. */
const rulesCache = new Map<string, Promise<Rules>>();
export function rulesFor(id: string): Promise<Rules> {
  if (!/^[a-z0-9-]{1,40}$/.test(id)) return Promise.reject(new Error(`bad rules id ${id}`));
  let p = rulesCache.get(id);
  if (!p) {
    p = readFile(fileURLToPath(new URL(`../../scoring-rules/${id}.json`, import.meta.url)), 'utf8')
      .then(loadRulesText)
      .then((r) => (r.ok ? r.rules : Promise.reject(new Error(`rules ${id}: ${r.errors.join('; ')}`))));
    p.catch(() => rulesCache.delete(id));
    rulesCache.set(id, p);
  }
  return p;
}

type WorkspaceRow = {
  id: string;
  name: string;
  rules_id: string;
  updated_at: Date | null;
};

/** Every city of the province, with what scoring needs; one group per rules id. */
export async function provinceCities(sql: Sql, province: string): Promise<{ rulesId: string; city: CityInput }[]> {
  const wss = await sql.query<WorkspaceRow>(
    `select w.id, w.name, w.rules_id, (select max(c.at) from changes c where c.workspace_id = w.id and c.kind not in ('review', 'reviews-delivered')) as updated_at
       from workspaces w where province_key(w.province) = province_key($1) order by w.name`,
    [province],
  );
  const out: { rulesId: string; city: CityInput }[] = [];
  for (const w of wss) {
    const points = await sql.query<{ question_code: string; value: unknown }>(
      "select question_code, value from answer_fields where workspace_id = $1 and field = 'points'",
      [w.id],
    );
    const linked = await sql.query<{ question_code: string }>(
      `select distinct l.question_code from links l join documents d on d.id = l.document_id
        where l.workspace_id = $1 and l.removed_at is null and d.deleted_at is null and not l.suggested`,
      [w.id],
    );
    out.push({
      rulesId: w.rules_id,
      city: {
        city: w.name,
        points: new Map(points.filter((p) => typeof p.value === 'number' && Number.isFinite(p.value)).map((p) => [p.question_code, p.value as number])),
        withEvidence: new Set(linked.map((l) => l.question_code)),
        updatedAt: w.updated_at ? new Date(w.updated_at).getTime() : undefined,
      },
    });
  }
  return out;
}
