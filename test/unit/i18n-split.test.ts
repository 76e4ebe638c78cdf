// @vitest-environment node
// The Indonesian words are in two chunks (src/i18n): the shell's and Beranda's at start, the other
// screens' with the first of them. A shell file asking for a screen's word would show the key
// until the screens' words came.
import { describe, expect, it, vi } from 'vitest';
import core from '../../src/i18n/id';
import screens from '../../src/i18n/idScreens';
import { keysUsedBy, leafKeys, shellFiles } from './i18n/startWords';

describe('the start-up words and the screens\' words', () => {
  it('the shell is found: main, the app, Beranda, the workers; not the lazily loaded screens', () => {
    const files = shellFiles();
    for (const f of ['src/main.tsx', 'src/app/App.tsx', 'src/app/ScoreBar.tsx', 'src/features/home/HomePage.tsx', 'src/shared/intake.ts', 'src/workers/reader.worker.ts']) expect(files, f).toContain(f);
    for (const f of ['src/features/evidence/EvidencePage.tsx', 'src/features/summary/SummaryPage.tsx', 'src/features/instrument/InstrumentPage.tsx']) expect(files, f).not.toContain(f);
  });

  it('no key is in both parts', () => {
    const a = new Set(leafKeys(core));
    expect(leafKeys(screens).filter((k) => a.has(k))).toEqual([]);
  });

  it('no file of the shell uses a word of the screens\' part', () => {
    const later = leafKeys(screens);
    const misplaced = shellFiles().flatMap((f) => keysUsedBy(f, later).map((k) => `${f}: ${k}`));
    expect(misplaced, 'move these keys from src/i18n/idScreens.ts to src/i18n/id.ts').toEqual([]);
  });

  it('finds a key by its text and by a branch above it', () => {
    // ScoreBar says t('score.total'); FirstSteps says t(`home.steps.${s.id}`)
    expect(keysUsedBy('src/app/ScoreBar.tsx', ['score.total', 'score.of', 'home.steps.title'])).toEqual(['score.total']);
    expect(keysUsedBy('src/features/home/FirstSteps.tsx', ['home.steps.intake', 'home.steps.title', 'evidence.title'])).toEqual(['home.steps.intake', 'home.steps.title']);
  });
});

describe('a word asked for before the screens\' words came', () => {
  it('is said on the console, the words load, and listeners are told to draw again', async () => {
    vi.resetModules();
    const i18n = await import('../../src/i18n');
    const key = 'summary.title';
    expect(leafKeys(screens)).toContain(key);
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const heard: string[] = [];
    i18n.default.on('languageChanged', (l) => heard.push(l));
    const before = i18n.getWordsVersion();
    expect(i18n.translate('id', key)).toBe(key);
    expect(errors.join('\n')).toContain(key);
    await i18n.loadScreenWords();
    spy.mockRestore();
    expect(i18n.translate('id', key)).toBe((screens.summary as Record<string, unknown>).title);
    expect(i18n.getWordsVersion()).toBe(before + 1);
    expect(heard).toEqual(['id']);
  });
});
