/** Push the outbox, pull the feed; the officer sets who answers what. */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { HubError, audit, requireWorkspace, type HubContext } from '../context.ts';
import { HUB_VERDICTS } from '../../domain/hubProtocol.ts';
import { applyOp, insertChange, lockWorkspace, pull, type OpResult } from '../sync.ts';
import { agencyId, clientId, isoTime, officeName, parse, questionCode } from '../validate.ts';

const page = v.nullish(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100000)));
const OpSchema = v.variant('kind', [
  v.object({ opId: clientId, kind: v.literal('answer'), questionCode, field: v.picklist(['value', 'note', 'status', 'points']), value: v.unknown(), base: v.optional(v.unknown()), editedAt: isoTime }),
  v.object({ opId: clientId, kind: v.literal('link'), documentId: clientId, questionCode, page, pageTo: page, removed: v.boolean(), suggested: v.optional(v.boolean()), editedAt: isoTime }),
  v.object({ opId: clientId, kind: v.literal('link-check'), documentId: clientId, questionCode, editedAt: isoTime }),
  v.object({ opId: clientId, kind: v.literal('document'), documentId: clientId, removed: v.boolean(), editedAt: isoTime }),
  v.object({
    opId: clientId,
    kind: v.literal('review'),
    questionCode,
    verdict: v.nullable(v.picklist(HUB_VERDICTS)),
    // its length is checked per operation (a note too long is refused alone, the rest goes through)
    note: v.string(),
    points: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1000))),
    markForReview: v.boolean(),
    editedAt: isoTime,
  }),
  v.object({ opId: clientId, kind: v.literal('send-reviews'), editedAt: isoTime }),
  v.object({ opId: clientId, kind: v.literal('office'), office: officeName, editedAt: isoTime }),
  v.object({ opId: clientId, kind: v.literal('assignment'), questionCode, agencies: v.pipe(v.array(agencyId), v.maxLength(64)), editedAt: isoTime }),
]);
const Push = v.object({ ops: v.pipe(v.array(OpSchema), v.maxLength(500)) });
const Assignments = v.object({ assignments: v.pipe(v.array(v.object({ questionCode, agencyId })), v.maxLength(5000)) });
/** A value is a short text or number; a note is at most this long. */
const MAX_VALUE_JSON = 20_000;

/** Every string in the value is one PostgreSQL can store (no NUL, no lone surrogate). */
function storableText(x: unknown): boolean {
  if (typeof x === 'string') return !x.includes('\0') && x.isWellFormed();
  if (Array.isArray(x)) return x.every(storableText);
  if (x && typeof x === 'object') return Object.entries(x).every(([k, val]) => storableText(k) && storableText(val));
  return true;
}

export function syncRoutes(app: FastifyInstance, ctx: HubContext) {
  app.post('/api/sync/push', { bodyLimit: 4 * 1024 * 1024 }, async (req) => {
    const u = requireWorkspace(req);
    const { ops } = parse(Push, req.body);
    const results: OpResult[] = [];
    for (const op of ops) {
      if (op.kind === 'answer' && JSON.stringify([op.value ?? null, op.base ?? null]).length > MAX_VALUE_JSON) {
        results.push({ opId: op.opId, status: 'refused', reason: 'too-long' });
        continue;
      }
      // PostgreSQL's text and jsonb hold neither a NUL character nor half of a surrogate pair:
      // such an operation is refused alone, never a 500 that blocks the device's outbox
      if (!storableText(op)) {
        results.push({ opId: op.opId, status: 'refused', reason: 'bad-text' });
        continue;
      }
      results.push(await ctx.db.tx((sql) => applyOp(sql, u, op, ctx.now())).catch((e: unknown) => {
        // any other value the database refuses as data (SQLSTATE class 22): this operation alone
        if (/^22/.test(String((e as { code?: unknown }).code ?? ''))) return { opId: op.opId, status: 'refused' as const, reason: 'bad-text' };
        throw e;
      }));
    }
    // notes delivered to the city start its revision countdown: who sent them, and when, is kept
    const sent = ops.filter((op, i) => op.kind === 'send-reviews' && results[i].status === 'applied');
    if (sent.length) await audit(ctx.db, { user: u, action: 'reviews.sent', detail: { ops: sent.map((op) => op.opId) }, ip: req.ip });
    const refused = results.filter((r) => r.status === 'refused');
    if (refused.length) await audit(ctx.db, { user: u, action: 'sync.refused', detail: refused.slice(0, 20), ip: req.ip });
    await audit(ctx.db, { user: u, action: 'sync.push', detail: { ops: ops.length, applied: results.filter((r) => r.status === 'applied').length }, ip: req.ip });
    return { results };
  });

  app.get<{ Querystring: { since?: string; limit?: string } }>('/api/sync/pull', async (req) => {
    const u = requireWorkspace(req);
    const since = Number(req.query.since ?? 0);
    const limit = Number(req.query.limit ?? 500);
    if (!Number.isSafeInteger(since) || since < 0) throw new HubError(400, 'bad-cursor');
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) throw new HubError(400, 'bad-limit');
    return pull(ctx.db, u, since, limit);
  });

  app.get('/api/assignments', async (req) => {
    const u = requireWorkspace(req);
    const rows = await ctx.db.query<{ question_code: string; agency_id: string }>(
      'select question_code, agency_id from assignments where workspace_id = $1 and ($2::text is null or agency_id = $2) order by question_code',
      [u.workspaceId, u.role === 'agency' ? u.agencyId : null],
    );
    return { assignments: rows.map((r) => ({ questionCode: r.question_code, agencyId: r.agency_id })) };
  });

  app.put('/api/assignments', { bodyLimit: 1024 * 1024 }, async (req) => {
    const u = requireWorkspace(req);
    if (u.role !== 'admin') throw new HubError(403, 'forbidden');
    const { assignments } = parse(Assignments, req.body);
    await ctx.db.tx(async (sql) => {
      await lockWorkspace(sql, u.workspaceId);
      await sql.query('delete from assignments where workspace_id = $1', [u.workspaceId]);
      // a whole new list: no question's earlier decision stands against later edits
      await sql.query('delete from assignment_state where workspace_id = $1', [u.workspaceId]);
      for (const a of assignments) {
        await sql.query('insert into assignments (workspace_id, question_code, agency_id) values ($1, $2, $3) on conflict do nothing', [u.workspaceId, a.questionCode, a.agencyId]);
      }
      await insertChange(sql, u.workspaceId, u.id, { kind: 'assignments', body: { count: assignments.length, by: u.displayName } });
      await audit(sql, { user: u, action: 'assignments.set', detail: { count: assignments.length }, ip: req.ip });
    });
    return { ok: true, count: assignments.length };
  });
}
