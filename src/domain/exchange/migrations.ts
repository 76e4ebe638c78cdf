/**
 * Older exchange files are migrated on import, one version step at a time: a file of version N
 * goes through MIGRATIONS[N] (N -> N+1), MIGRATIONS[N+1], ... up to FORMAT_VERSION, and only then
 * is validated against the current schema (schema.ts). Each step has two pure functions over the
 * parsed JSON: one for the manifest (run before the parts are read, since it says where they are)
 * and one for the data parts (run after their hashes are checked).
 *
 * To change the format: bump FORMAT_VERSION, write the new schema, and add MIGRATIONS[old] that
 * turns an old file's JSON into the new shape. Never edit an existing step: files made by released
 * versions stay out there on flash drives.
 *
 * Version 0 is the pre-release layout (kept as the worked example and tested): a flat manifest
 * (`version`, `author`, `files: [{name, bytes, sha256}]`), one `data.json` whose answers are a map
 * `{ "<code>": {points, status, notes} }`, no texts, no rules part, and no file checksum.
 */

/** JSON as read from the file, before validation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface DataParts {
  data: Json;
  texts: Json | undefined;
}

export interface Migration {
  manifest(m: Json): Json;
  /** `m` is the manifest already migrated to the next version. */
  data(d: DataParts, m: Json): DataParts;
}

export const MIGRATIONS: Record<number, Migration> = {
  0: {
    manifest(m) {
      const files: Json[] = Array.isArray(m.files) ? m.files : [];
      return {
        format: m.format,
        formatVersion: 1,
        exportId: m.exportId ?? `v0-${m.workspaceId}-${m.created}`,
        app: { name: 'siap-kla', version: String(m.app ?? '0') },
        createdAt: m.created,
        createdBy: { name: m.author ?? '', role: m.role },
        workspace: { id: m.workspaceId, city: m.city, province: m.province ?? '', year: m.year },
        rules: { id: m.rulesId, hash: m.rulesHash },
        encryption: null,
        parts: files.map((f) => ({
          path: f.name,
          kind: f.name === 'data.json' ? 'data' : 'evidence',
          size: f.bytes,
          sha256: f.sha256,
          encoding: 'identity',
          storedSize: f.bytes,
        })),
      };
    },
    data({ data }, m) {
      const wsId = m.workspace.id;
      const answers = Object.entries((data.answers ?? {}) as Record<string, Json>).map(([code, a]) => ({
        workspaceId: wsId,
        code,
        points: a.points ?? null,
        status: a.status ?? 'not-started',
        notes: a.notes ?? '',
        dataValues: a.dataValues ?? {},
        updatedAt: a.updatedAt ?? m.createdAt,
      }));
      return {
        data: {
          exportId: m.exportId,
          kind: m.createdBy.role,
          workspace: { revisionHours: 48, ...data.workspace },
          answers,
          assignments: [],
          activity: [],
          documents: (data.documents ?? []).map((d: Json) => ({ readState: 'pending', ...d, workspaceId: wsId })),
          links: (data.links ?? []).map((l: Json) => ({ ...l, workspaceId: wsId })),
          flagDismissals: [],
          reviews: [],
          revisionItems: [],
        },
        texts: undefined,
      };
    },
  },
  // 1 -> 2: the texts moved from one array (`data/texts.json`) to one row per line
  // (`data/texts.jsonl`, streamed). Nothing else changed: a version-1 file keeps its array part,
  // which read.ts reads whole as before.
  1: {
    manifest: (m) => ({ ...m, formatVersion: 2 }),
    data: (d) => d,
  },
  // 2 -> 3: a link may cite a run of pages (`pageTo` after `page`). A version-2 link cites one
  // page or none, which version 3 reads the same: nothing to change. (The version moves so that
  // an older app refuses a file whose page runs it would silently cut to their first page.)
  2: {
    manifest: (m) => ({ ...m, formatVersion: 3 }),
    data: (d) => d,
  },
};

/** The oldest version that can still be migrated. */
export const OLDEST_SUPPORTED = Math.min(...Object.keys(MIGRATIONS).map(Number));

/** The version a parsed manifest declares (`formatVersion`; version 0 called it `version`). */
export function declaredVersion(m: Json): number | undefined {
  const n = m?.formatVersion ?? m?.version;
  return Number.isInteger(n) ? n : undefined;
}

export function migrateManifest(m: Json, from: number, to: number): Json {
  let out = m;
  for (let n = from; n < to; n++) out = MIGRATIONS[n].manifest(out);
  return out;
}

/** `manifests[i]` is the manifest at version from+i (as returned step by step). */
export function migrateData(parts: DataParts, from: number, to: number, manifests: Json[]): DataParts {
  let out = parts;
  for (let n = from; n < to; n++) out = MIGRATIONS[n].data(out, manifests[n - from + 1]);
  return out;
}

/** Every intermediate manifest, from version `from` (index 0) to `to`. */
export function manifestChain(m: Json, from: number, to: number): Json[] {
  const chain = [m];
  for (let n = from; n < to; n++) chain.push(MIGRATIONS[n].manifest(chain[chain.length - 1]));
  return chain;
}
