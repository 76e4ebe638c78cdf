import { describe, expect, it } from 'vitest';
import { snippetsOneByOne } from '../../../src/domain/evidence/textSearch';

const texts: Record<string, { id: string; text: string; pages: string[] }> = {
  a: { id: 'a', text: 'Forum Anak Desa', pages: ['Sampul', 'Rapat Forum Anak Desa Sukamaju'] },
  b: { id: 'b', text: 'Forum Anak Kota', pages: ['Forum Anak Kota bertemu'] },
  c: { id: 'c', text: 'tanpa kata itu', pages: ['tanpa kata itu'] },
};

describe('excerpts of the documents shown', () => {
  it('loads one text at a time and gives each document its excerpts, naming the page', async () => {
    const loaded: string[] = [];
    const out = await snippetsOneByOne(['a', 'b', 'c', 'gone'], async (id) => (loaded.push(id), texts[id]), 'forum anak', () => false);
    expect(loaded).toEqual(['a', 'b', 'c', 'gone']);
    expect(out.a[0].page).toBe(2);
    expect(out.a[0].parts.join('')).toContain('Forum Anak Desa');
    expect(out.b[0].page).toBe(1);
    expect(out.c).toEqual([]);
    expect('gone' in out).toBe(false);
  });

  it('stops when told (a newer search came), with what was done so far', async () => {
    const loaded: string[] = [];
    let searches = 0;
    const asOf = searches;
    const out = await snippetsOneByOne(
      ['a', 'b', 'c'],
      async (id) => {
        loaded.push(id);
        if (id === 'b') searches++; // a search arrives while b's text is being read
        return texts[id];
      },
      'forum anak',
      () => searches !== asOf,
    );
    expect(loaded).toEqual(['a', 'b']);
    expect(Object.keys(out)).toEqual(['a']);
  });

  it('lets other work run between two documents', async () => {
    const order: string[] = [];
    const p = snippetsOneByOne(['a', 'b'], async (id) => (order.push(`load ${id}`), texts[id]), 'anak', () => false);
    setTimeout(() => order.push('other'), 0);
    await p;
    expect(order.indexOf('other')).toBeGreaterThan(order.indexOf('load a'));
    expect(order.indexOf('other')).toBeLessThan(order.indexOf('load b'));
  });
});
