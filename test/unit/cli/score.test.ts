import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kla';
import { allMax, loadRules2024, rulesJson } from '../helpers';

const dir = mkdtempSync(join(tmpdir(), 'kla-cli-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kla score', () => {
  it('prints the documented JSON', async () => {
    const r = await run('score', file('a.json', '{"1.1": 12, "1.2a": 0.75}'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['rules', 'total', 'max', 'band', 'nextBand', 'groups', 'indicators']);
    expect(j).toMatchObject({ rules: 'kla-2024', total: 12.75, max: 1000, band: { id: 'none' }, nextBand: { id: 'pratama', pointsNeeded: 487.25 } });
    expect(j.groups).toHaveLength(7);
    expect(j.indicators).toHaveLength(31);
    expect(j.indicators[0]).toEqual({ code: '1', score: 12.75, max: 96 });
  });

  it('all maxima: 1000, KLA, no next band', async () => {
    const r = await run('score', file('max.json', JSON.stringify(Object.fromEntries(allMax(loadRules2024())))));
    expect(JSON.parse(r.out)).toMatchObject({ total: 1000, band: { id: 'kla', label: 'KLA' }, nextBand: null });
  });

  it('exits 2 naming every offending code', async () => {
    const r = await run('score', file('bad.json', '{"1.1": 13, "nope": 1, "2.1": -1, "2.2": "x", "1.2a": 1}'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    for (const code of ['1.1', 'nope', '2.1', '2.2']) expect(r.err).toContain(`${code}:`);
    expect(r.err).not.toContain('1.2a:');
  });

  it('exits 2 on unreadable JSON, a missing file and a broken rules file', async () => {
    expect((await run('score', file('x.json', '{"1.1": '))).err).toMatch(/not valid JSON/);
    expect((await run('score', join(dir, 'missing.json'))).code).toBe(2);
    const j = rulesJson();
    j.indicators[3].questions[2].maxPoints = -1;
    const r = await run('score', file('ok.json', '{}'), '--rules', file('rules.json', JSON.stringify(j)));
    expect(r.code).toBe(2);
    expect(r.err).toContain('indicators[3].questions[2].maxPoints: must be >= 0');
  });

  it('runs as documented through npm with no build step', async () => {
    const p = file('npm.json', '{"19.1": 4}');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'kla', '--', 'score', p], { cwd: join(__dirname, '../../..') });
    expect(JSON.parse(stdout).total).toBe(4);
    const bad = await promisify(execFile)('npm', ['run', '--silent', 'kla', '--', 'score', file('b2.json', '{"zz": 1}')], { cwd: join(__dirname, '../../..') }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('zz: unknown question code');
  });
});
