// @vitest-environment node
// The row mark in Bukti and the flag card say the same: "Salah indikator?" when the document seems
// to belong to another indicator of its question's own cluster, "Salah klaster?" otherwise.
import { describe, expect, it } from 'vitest';
import type { MisfileFlag } from '../../../src/domain/flags';
import { misfileWording } from '../../../src/shared/flags';
import en from '../../../src/i18n/en';
import id from '../i18n/words';
import { loadRules2024 } from '../helpers';

const rules = loadRules2024();
const flag = (code: string, group: string, indicator: string): MisfileFlag => ({
  documentId: 'd',
  code,
  filedIndicator: rules.questionByCode.get(code)!.indicator,
  suggested: { group, indicator, questions: [] },
  confidence: 0.9,
  evidence: [],
  dismissed: null,
});
// birth certificates (cluster I, indicator 4) filed under 5.1 (cluster I) or under 19.1 (cluster IV)
const sameCluster = flag('5.1', 'K1', '4');
const otherCluster = flag('19.1', 'K1', '4');

describe('the misfile mark', () => {
  it('names the indicator when the cluster is right, the cluster otherwise; the cluster wins over several flags', () => {
    expect(rules.indicatorByCode.get('5')!.group).toBe('K1');
    expect(misfileWording(rules, [sameCluster])).toBe('flags.misfiledIndicator');
    expect(misfileWording(rules, [otherCluster])).toBe('flags.misfiled');
    expect(misfileWording(rules, [sameCluster, otherCluster])).toBe('flags.misfiled');
    expect(misfileWording(rules, [])).toBeNull();
  });

  it('is said in both languages', () => {
    expect([id.flags.misfiled, id.flags.misfiledIndicator]).toEqual(['Salah klaster?', 'Salah indikator?']);
    expect([en.flags.misfiled, en.flags.misfiledIndicator]).toEqual(['Wrong cluster?', 'Wrong indicator?']);
  });
});
