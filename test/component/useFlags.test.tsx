// @vitest-environment jsdom
/**
 * Bukti's list and its open document both show the misfile flags: a link change must be computed
 * once for both, and only when the browser is idle (it once took 93-165 ms per link change at
 * 4,000 links, twice, at once: typing and linking stalled). Fails if either screen computes the
 * flags itself, or computes them before an idle moment.
 */
import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/db/client';
import { linkDocument } from '../../src/db/evidence';
import { createWorkspace } from '../../src/db/queries';
import { classify, compileModel } from '../../src/domain/classifier';
import { computeFlags } from '../../src/domain/flags';
import type { EvidenceDoc, Workspace } from '../../src/domain/model';
import { useFlags } from '../../src/shared/flags';
import { AKTA, SRA } from '../fixtures/evidence/topics';
import { parseRulesText, type Rules } from '../../src/domain/rules/load';
import { readFileSync } from 'node:fs';

// read by path: under jsdom, import.meta.url is not a file URL node:url takes
const parsed = parseRulesText(readFileSync('scoring-rules/kla-2024.json', 'utf8'), 'test-hash');
const rules = (parsed.ok ? parsed.rules : null) as Rules;
const state: { ws?: Workspace } = {};

vi.mock('../../src/shared/workspace', () => ({ useWorkspace: () => ({ ws: state.ws, rules }) }));
vi.mock('../../src/domain/flags', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/domain/flags')>();
  return { ...m, computeFlags: vi.fn(m.computeFlags) };
});

// the browser's idle moments come when the test says so
const idleQueue: (() => void)[] = [];
const idle = () => act(() => idleQueue.splice(0).forEach((f) => f()));
beforeAll(() => {
  (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = (f: () => void) => idleQueue.push(f);
  (globalThis as { cancelIdleCallback?: unknown }).cancelIdleCallback = () => undefined;
});

async function addDocument(ws: Workspace, id: string, lines: string[]) {
  const db = getDb();
  const doc: EvidenceDoc = { id, workspaceId: ws.id, sha256: id, name: `${id}.pdf`, mime: 'application/pdf', kind: 'pdf', size: 1, addedAt: 1, readState: 'done' };
  await db.documents.put(doc);
  await db.classifications.put({ id, workspaceId: ws.id, classification: classify(compileModel(rules), { text: lines.join('\n') }) });
}

const open = (f: ReturnType<typeof useFlags>) => (f?.open ?? []).map((x) => `${x.documentId}:${x.code}`).sort().join(' ');
function List() {
  return <p data-testid="list">{open(useFlags())}</p>;
}
function Detail({ id }: { id: string }) {
  const flags = useFlags()?.byDocument.get(id) ?? [];
  return <p data-testid="detail">{flags.map((f) => f.code).join(' ')}</p>;
}

describe('the flags on Bukti', () => {
  it('are computed once for the list and the open document, when the browser is idle', async () => {
    const ws = await createWorkspace(getDb(), { city: 'Kota A', province: 'P', rules, rulesText: '', now: 1 });
    state.ws = ws;
    await addDocument(ws, 'sra', SRA);
    await addDocument(ws, 'akta', AKTA);
    await linkDocument(getDb(), ws.id, 'sra', '4.1'); // a school report under birth certificates
    const counted = vi.mocked(computeFlags);

    render(
      <QueryClientProvider client={new QueryClient()}>
        <List />
        <Detail id="akta" />
      </QueryClientProvider>,
    );
    await waitFor(() => (void idle(), expect(screen.getByTestId('list').textContent).toBe('sra:4.1')), { timeout: 10_000 });
    const before = counted.mock.calls.length;

    // a link: while the browser is busy nothing is computed
    await act(() => linkDocument(getDb(), ws.id, 'akta', '19.1').then(() => undefined));
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(counted.mock.calls.length).toBe(before);
    expect(screen.getByTestId('detail').textContent).toBe('');

    // idle: once, for both
    await waitFor(() => (void idle(), expect(screen.getByTestId('detail').textContent).toBe('19.1')), { timeout: 10_000 });
    expect(screen.getByTestId('list').textContent).toBe('akta:19.1 sra:4.1');
    expect(counted.mock.calls.length).toBe(before + 1);
  });
});
