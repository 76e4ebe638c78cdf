// @vitest-environment jsdom
/**
 * "Pilih semua yang belum ditautkan" starts working out the suggestions of many files at once,
 * so the review's click finds them made (the tenth walk: 9.2-9.5 s after the click for 5,000
 * files). Fails if the click asks the worker again for what the tick already asked, or if a
 * review over files the tick did not cover uses the early answer.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Model } from '../../src/domain/classifier/model';
import type { EvidenceDoc, Workspace } from '../../src/domain/model';
import { parseRulesText, type Rules } from '../../src/domain/rules/load';
import { BulkLinkBar } from '../../src/features/evidence/BulkLink';
import { initI18n } from '../../src/i18n';
import { fakeModalDialogs } from './dialogs';

const parsed = parseRulesText(readFileSync('scoring-rules/kla-2024.json', 'utf8'), 'test-hash');
const rules = (parsed.ok ? parsed.rules : null) as Rules;
const ws: Partial<Workspace> = { id: 'w', role: 'city' };
vi.mock('../../src/shared/workspace', () => ({ useWorkspace: () => ({ ws, rules, assignments: [] }) }));
const asked: string[][] = [];
vi.mock('../../src/shared/search', () => ({
  searchWorker: () => ({
    suggestions: async (ids: string[]) => {
      asked.push(ids);
      return Object.fromEntries(ids.map((id) => [id, { group: 'I', indicator: '6', questions: ['6.1'], certainty: 'sure', confidence: 0.95 }]));
    },
  }),
}));

beforeAll(async () => {
  await initI18n('id');
  fakeModalDialogs();
});

const docs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `d${from + i}`, name: `berkas-${from + i}.pdf` }) as EvidenceDoc);

function Bar({ rows }: { rows: EvidenceDoc[] }) {
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  return (
    <>
      {/* a row's own tick box (DocRow), for a file the tick of all did not cover */}
      <button type="button" onClick={() => setTicked(new Set([...ticked, rows.at(-1)!.id]))}>
        tick the last row
      </button>
      <BulkLinkBar workspaceId="w" rows={rows} unlinked={() => true} ticked={ticked} setTicked={setTicked} model={{} as Model} rules={rules} returnFocus={() => null} />
    </>
  );
}

describe('bulk suggestions worked out ahead', () => {
  it('the tick asks once; the review uses that answer', async () => {
    asked.length = 0;
    render(<Bar rows={docs(80)} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pilih semua yang belum ditautkan (80)' })));
    expect(asked.map((a) => a.length)).toEqual([80]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Tautkan ke saran…' })));
    expect(await screen.findByTestId('bulk-review')).toBeTruthy();
    expect(asked.map((a) => a.length)).toEqual([80]);
  });

  it('a review of files the tick did not cover asks again', async () => {
    asked.length = 0;
    const { rerender } = render(<Bar rows={docs(60)} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pilih semua yang belum ditautkan (60)' })));
    // a file stored meanwhile, ticked by hand
    rerender(<Bar rows={[...docs(60), ...docs(1, 60)]} />);
    fireEvent.click(screen.getByRole('button', { name: 'tick the last row' }));
    expect(screen.getByTestId('bulk-bar').textContent).toContain('61 berkas dipilih');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Tautkan ke saran…' })));
    expect(await screen.findByTestId('bulk-review')).toBeTruthy();
    expect(asked.map((a) => a.length)).toEqual([60, 61]);
  });
});
