import { describe, expect, it } from 'vitest';
import { parseHash, PAGES } from '../../../src/shared/route';

describe('parseHash', () => {
  it('reads every screen of a workspace, with its parameters', () => {
    for (const page of PAGES.filter((p) => p !== 'home')) expect(parseHash(`#/w/ws1/${page}/a/b`)).toMatchObject({ ws: 'ws1', page, params: ['a', 'b'] });
    expect(parseHash('#/w/ws1')).toMatchObject({ ws: 'ws1', page: 'home', params: [] });
    expect(parseHash('#/w/ws1').missing).toBeUndefined();
  });

  it('takes an address naming no screen to Beranda and says what was asked (never a screen nobody can load)', () => {
    expect(parseHash('#/w/ws1/salah-klaster')).toMatchObject({ ws: 'ws1', page: 'home', params: [], missing: 'salah-klaster' });
    expect(parseHash('#/w/ws1/toString/x')).toMatchObject({ page: 'home', missing: 'toString' });
    expect(parseHash('#/w/ws1/constructor')).toMatchObject({ page: 'home', missing: 'constructor' });
    expect(parseHash('#/tidakada')).toMatchObject({ ws: null, page: 'workspaces' });
    // a broken escape is read as written, never thrown (it blanked the page at boot); case is forgiven
    expect(parseHash('#/w/ws1/100%')).toMatchObject({ ws: 'ws1', page: 'home', missing: '100%' });
    expect(parseHash('#/w/ws1/bukti/%E0%A4')).toMatchObject({ page: 'bukti', params: ['%E0%A4'] });
    expect(parseHash('#/w/ws1/Instrumen/1')).toMatchObject({ page: 'instrumen', params: ['1'] });
  });
});
