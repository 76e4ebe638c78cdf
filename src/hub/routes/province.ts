/**
 * GET /api/province: the province account's cities side by side, scored with the app's engine.
 * Only a province account, and only its own province; every view is in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { provinceTableByRules, type CityInput, type ProvinceView } from '../../domain/province.ts';
import { HubError, audit, requireUser, type HubContext } from '../context.ts';
import { provinceCities, rulesFor } from '../province.ts';

export function provinceRoutes(app: FastifyInstance, ctx: HubContext) {
  app.get('/api/province', async (req): Promise<ProvinceView> => {
    const u = requireUser(req);
    if (u.role !== 'province' || !u.province) throw new HubError(403, 'forbidden');
    const found = await provinceCities(ctx.db, u.province);
    const byRules = new Map<string, CityInput[]>();
    for (const f of found) byRules.set(f.rulesId, [...(byRules.get(f.rulesId) ?? []), f.city]);
    const rows = provinceTableByRules(await Promise.all([...byRules].map(async ([id, cities]) => ({ rules: await rulesFor(id), cities }))));
    await audit(ctx.db, { user: u, action: 'province.view', target: u.province, detail: { cities: rows.length }, ip: req.ip });
    return { province: u.province, generatedAt: ctx.now().toISOString(), cities: rows };
  });
}
