/**
 * A demo workspace's answers: deterministic (seeded), plausible, around the Madya band, with
 * statuses mixed and some questions left open, so every screen has something to show.
 */
import type { Answer, AnswerStatus } from './model';
import type { Rules } from './rules/load';

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoAnswers(rules: Rules, workspaceId: string, now: number, seed = 2024): Answer[] {
  const rnd = mulberry32(seed);
  const out: Answer[] = [];
  for (const q of rules.questionByCode.values()) {
    const r = rnd();
    if (r < 0.12) continue; // not started
    const fraction = r < 0.2 ? 0 : r < 0.35 ? 0.5 : r < 0.45 ? 0.75 : 1;
    // points in quarters of the maximum, as the instrument grades (never above the maximum:
    // 3.2 * 1 rounded to quarters would be 3.25)
    const points = Math.min(q.maxPoints, Math.round(q.maxPoints * fraction * 4) / 4);
    const status: AnswerStatus = r < 0.3 ? 'in-progress' : 'ready';
    out.push({ workspaceId, code: q.code, points, status, notes: '', dataValues: {}, updatedAt: now });
  }
  return out;
}
