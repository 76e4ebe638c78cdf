// @vitest-environment node
/**
 * An import through the app's one door (shared/exchangeIo.ts importFile) makes every kept
 * classification stale: the flags and the evidence rows read them afresh (flagsSource.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const imported = vi.hoisted(() => ({ result: { ok: true } as { ok: boolean } }));
vi.mock('../../../src/db/exchange', () => ({ importExchangeFile: vi.fn(async () => imported.result) }));
vi.mock('../../../src/db/client', () => ({ getDb: () => ({}) }));
vi.mock('../../../src/shared/flagsSource', () => ({ forgetAllClassifications: vi.fn() }));

import { importFile } from '../../../src/shared/exchangeIo';
import { forgetAllClassifications } from '../../../src/shared/flagsSource';

describe('importFile', () => {
  beforeEach(() => vi.mocked(forgetAllClassifications).mockClear());

  it('forgets the kept classifications after an import that stored something', async () => {
    imported.result = { ok: true };
    await importFile(new Blob(['x']), 'city');
    expect(forgetAllClassifications).toHaveBeenCalledTimes(1);
  });

  it('keeps them when the import stored nothing', async () => {
    imported.result = { ok: false };
    await importFile(new Blob(['x']), 'city');
    expect(forgetAllClassifications).not.toHaveBeenCalled();
  });
});
