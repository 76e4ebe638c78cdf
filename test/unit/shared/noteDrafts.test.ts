// @vitest-environment jsdom
/**
 * Notes kept as typed until stored (shared/noteDrafts.ts): a draft newer than the stored answer
 * and different from it is recovered; one older (edited since, here or through the hub) or equal
 * is dropped; a save drops its own text only, never more typed since; other workspaces are untouched.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { draftsToRecover, dropDraft, keepDraft } from '../../../src/shared/noteDrafts';
import { emptyAnswer, type Answer } from '../../../src/domain/model';

const answer = (code: string, notes: string, updatedAt: number): Answer => ({ ...emptyAnswer('w', code), notes, updatedAt });

beforeEach(() => localStorage.clear());

describe('note drafts', () => {
  it('recovers a draft newer than the stored answer, drops an older or an equal one', () => {
    keepDraft('w', '1.2c', 'Perbup KLA ada', 2_000);
    keepDraft('w', '4.1', 'versi lama', 1_000);
    keepDraft('w', '6.5', 'sudah sama', 3_000);
    keepDraft('lain', '1.1', 'ruang kerja lain', 5_000);
    const answers = new Map([
      ['1.2c', answer('1.2c', '', 1_500)],
      ['4.1', answer('4.1', 'diubah lewat hub', 1_800)],
      ['6.5', answer('6.5', 'sudah sama', 100)],
    ]);
    expect(draftsToRecover('w', answers)).toEqual([{ code: '1.2c', text: 'Perbup KLA ada', at: 2_000 }]);
    // the dropped ones are gone, the recovered one waits for its save, another workspace's stays
    expect(Object.keys(localStorage).sort()).toEqual(['siap-kla.draft-notes:lain:1.1', 'siap-kla.draft-notes:w:1.2c']);
    // a question never answered: any draft is newer
    keepDraft('w', '9.9', 'baru', 10);
    expect(draftsToRecover('w', new Map())).toContainEqual({ code: '9.9', text: 'baru', at: 10 });
  });

  it('a save drops its own text only, not what was typed after it began', () => {
    keepDraft('w', '1.1', 'Perda');
    keepDraft('w', '1.1', 'Perda KLA 2025');
    dropDraft('w', '1.1', 'Perda');
    expect(localStorage.getItem('siap-kla.draft-notes:w:1.1')).toContain('Perda KLA 2025');
    dropDraft('w', '1.1', 'Perda KLA 2025');
    expect(localStorage.getItem('siap-kla.draft-notes:w:1.1')).toBeNull();
  });

  it('a damaged draft is dropped, never stored', () => {
    localStorage.setItem('siap-kla.draft-notes:w:2.1', '{not json');
    expect(draftsToRecover('w', new Map())).toEqual([]);
    expect(localStorage.length).toBe(0);
  });
});
