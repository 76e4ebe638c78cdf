/**
 * The activity log read as sentences (shared/activityWords.ts): what an entry stored before the
 * first edit (no status, no assignment of its own) reads as what the screens showed then.
 */
import { describe, expect, it } from 'vitest';
import i18n from '../../../src/i18n';
import { formatBytes, formatDateTime, formatPoints } from '../../../src/shared/format';
import { describeActivity, type DescribeContext } from '../../../src/shared/activityWords';
import type { Activity } from '../../../src/domain/model';
import { rules } from '../exchange/helpers';

const ctx = {
  fmt: { t: i18n.getFixedT('id'), lang: 'id', pts: (n: number) => formatPoints(n, 'id'), dt: (ms: number) => formatDateTime(ms, 'id', true), bytes: (n: number) => formatBytes(n, 'id') },
  rules,
  docName: () => 'x.pdf',
  agencyName: (id: string) => rules.agencies.find((a) => a.id === id)?.name ?? id,
} as unknown as DescribeContext;
const entry = (kind: Activity['kind'], code: string, detail: Record<string, unknown>) => ({ workspaceId: 'w', at: 0, kind, code, detail }) as Activity;

describe('activity words', () => {
  it('a status changed from none stored reads "Belum mulai", never a raw key', () => {
    const s = describeActivity(entry('answer-changed', '4.2', { agency: 'Dispora', status: { from: null, to: 'ready' } }), ctx);
    expect(s).toBe('status Belum mulai → Siap · dari Dispora');
  });

  it('an assignment changed for the first time names the instrument\'s agencies it replaced', () => {
    const defaults = rules.questionByCode.get('4.4')!.agencies.map((id) => rules.agencies.find((a) => a.id === id)!.name);
    expect(defaults.length).toBeGreaterThan(1);
    const s = describeActivity(entry('assignment-changed', '4.4', { from: null, to: ['dispora'] }), ctx);
    expect(s).toContain(`(sebelumnya ${defaults.join(', ')})`);
    // an assignment stored before is what it replaced
    expect(describeActivity(entry('assignment-changed', '4.4', { from: ['disdukcapil'], to: ['dispora'] }), ctx)).toMatch(/\(sebelumnya Disdukcapil\)$/);
  });
});
