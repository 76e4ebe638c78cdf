// @vitest-environment jsdom
/**
 * The score's label over the predicate scale stays inside it at either end: centred on a marker
 * at the edge it was cut by the page in print (the seventh walk: 66 read as "6").
 */
import { render } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../src/i18n';
import { BandScale } from '../../src/shared/components/BandScale';
import { readFileSync } from 'node:fs';
import { parseRulesText, type Rules } from '../../src/domain/rules/load';

const parsed = parseRulesText(readFileSync('scoring-rules/kla-2024.json', 'utf8'), 'test-hash');
const rules = (parsed.ok ? parsed.rules : null) as Rules;
beforeAll(async () => {
  await initI18n('id');
});

const markerAt = (score: number) => {
  const { container, unmount } = render(<BandScale bands={rules.bands} max={rules.maxTotal} score={score} />);
  const m = container.querySelector('.band-marker')!;
  const r = { cls: m.className, left: (m as HTMLElement).style.left, label: m.textContent };
  unmount();
  return r;
};

describe('BandScale', () => {
  it('holds the label inside the scale at a low score, at a full one, and centres it between', () => {
    expect(markerAt(66)).toEqual({ cls: 'band-marker at-start', left: '0%', label: '66' });
    expect(markerAt(rules.maxTotal).cls).toBe('band-marker at-end');
    const mid = markerAt(700);
    expect(mid.cls).toBe('band-marker');
    expect(parseFloat(mid.left)).toBeGreaterThan(5);
  });
});
