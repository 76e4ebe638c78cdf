import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCodes, instrument } from '../../fixtures/classifier-real/check-part';

const CORPUS = fileURLToPath(new URL('../../fixtures/classifier-real', import.meta.url));
const ins = instrument();

describe('the real-world-shaped corpus labels (issue 11)', () => {
  for (const part of ['tune', 'heldout']) {
    it(`${part}: every indicator, accepted indicator and question exists and fits (also after a label review)`, () => {
      const labels = JSON.parse(readFileSync(join(CORPUS, part, 'labels.json'), 'utf8'));
      const problems = labels.flatMap((l: Parameters<typeof checkCodes>[0] & { file: string }) => checkCodes(l, ins).map((p) => `${l.file}: ${p}`));
      expect(labels.length).toBeGreaterThan(300);
      expect(problems).toEqual([]);
    });
  }

  it('refuses a question accepted without its indicator', () => {
    expect(checkCodes({ indicator: '26', accept: ['26'], question: '26.2', questionAccept: ['26.2', '7.1'] }, ins)).toEqual([
      'questionAccept 7.1 belongs to no accepted indicator',
    ]);
  });

  it('refuses an indicator accepted without one of its questions (LABEL-POLICY.md: a question must count it)', () => {
    expect(checkCodes({ indicator: '26', accept: ['26', '21A'], question: '26.15', questionAccept: ['26.15'] }, ins)).toEqual([
      'accept 21A has no accepted question',
    ]);
    expect(checkCodes({ indicator: '26', accept: ['26', '21A'], question: '26.15', questionAccept: ['26.15', '21A.4b'] }, ins)).toEqual([]);
  });

  it('every change of the label review is recorded with its reason and is what the labels now say', () => {
    const log = JSON.parse(readFileSync(join(CORPUS, 'label-review.json'), 'utf8')) as {
      part: string;
      file: string;
      after: { accept: string[] };
      reason: string;
    }[];
    // a batch reviewed before it lands still waits in parts/<batch>/
    const pending = existsSync(join(CORPUS, 'parts')) ? readdirSync(join(CORPUS, 'parts')).map((b) => join('parts', b)) : [];
    const now = new Map(['tune', 'heldout', ...pending].flatMap((p) => JSON.parse(readFileSync(join(CORPUS, p, 'labels.json'), 'utf8')).map((l: { file: string; accept: string[] }) => [l.file, l.accept])));
    // the last change of each document is what it says now (a new batch's document moved to tune/ or heldout/ by the split)
    const last = new Map(log.map((r) => [r.file, r]));
    for (const r of last.values()) {
      expect(r.reason.length, r.file).toBeGreaterThan(10);
      expect(now.get(r.file), r.file).toEqual(r.after.accept);
    }
  });
});
