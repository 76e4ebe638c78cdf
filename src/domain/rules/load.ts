/**
 * Loading a rules file: schema, then cross-field checks, then indexes. All or nothing.
 */
import * as v from 'valibot';
import { dec, sum, toNumber } from '../decimal';
import { RulesFile, type Group, type Indicator, type Question, type RulesFile as RulesFileT } from './schema';

export interface Rules extends RulesFileT {
  /** SHA-256 (hex) of the file's bytes as loaded; workspaces record it. */
  hash: string;
  groupMax: Map<string, number>;
  questionByCode: Map<string, Question & { indicator: string; group: string }>;
  indicatorByCode: Map<string, Indicator>;
  groupById: Map<string, Group>;
  questionCount: number;
}

export type RulesResult = { ok: true; rules: Rules } | { ok: false; errors: string[] };

/** `['indicators', 3, 'questions', 2, 'maxPoints']` -> `indicators[3].questions[2].maxPoints` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

type Issue = v.BaseIssue<unknown>;

/** One message per issue, in the words of the rules-file author: "must be >= 0", "is missing". */
function describeIssue(issue: Issue): string {
  const req = issue.requirement as unknown;
  switch (issue.type) {
    case 'min_value':
      return `must be >= ${String(req)}`;
    case 'max_value':
      return `must be <= ${String(req)}`;
    case 'gt_value':
      return `must be > ${String(req)}`;
    case 'min_length':
      return req === 1 && issue.kind === 'validation' && typeof issue.input === 'string' ? 'must not be empty' : `must have at least ${String(req)} item(s)`;
    case 'integer':
      return 'must be an integer';
    case 'picklist':
      // expected is written like ("a" | "b")
      return `must be one of ${(issue.expected ?? '').replace(/^\(|\)$/g, '').split(' | ').join(', ')}`;
    case 'regex':
      return issue.message;
    default:
      if (issue.kind === 'schema') {
        // a missing object key reports the key name as "expected"
        if (issue.input === undefined) return issue.expected && !issue.expected.startsWith('"') ? `is missing (must be ${article(issue.expected)})` : 'is missing';
        return `must be ${article(issue.expected ?? 'value')}`;
      }
      return issue.message;
  }
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** Parse and check a rules file given as text (JSON). `hash` is the SHA-256 of that text. */
export function parseRulesText(text: string, hash: string): RulesResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`(file): not valid JSON: ${(e as Error).message}`] };
  }
  return parseRules(json, hash);
}

export function parseRules(json: unknown, hash: string): RulesResult {
  const parsed = v.safeParse(RulesFile, json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.map((i) => `${formatPath((i.path ?? []).map((p) => p.key as PropertyKey))}: ${describeIssue(i)}`) };
  }
  const file = parsed.output;
  const errors: string[] = [];

  const groupById = new Map<string, Group>();
  file.groups.forEach((g, gi) => {
    if (groupById.has(g.id)) errors.push(`groups[${gi}].id: duplicate group id "${g.id}"`);
    groupById.set(g.id, g);
  });
  const agencyIds = new Set<string>();
  file.agencies.forEach((a, ai) => {
    if (agencyIds.has(a.id)) errors.push(`agencies[${ai}].id: duplicate agency id "${a.id}"`);
    agencyIds.add(a.id);
  });

  const indicatorByCode = new Map<string, Indicator>();
  const questionByCode: Rules['questionByCode'] = new Map();
  const groupSums = new Map<string, ReturnType<typeof dec>>();
  file.indicators.forEach((ind, ii) => {
    const at = `indicators[${ii}]`;
    if (indicatorByCode.has(ind.code)) errors.push(`${at}.code: duplicate indicator code "${ind.code}"`);
    indicatorByCode.set(ind.code, ind);
    if (!groupById.has(ind.group)) errors.push(`${at}.group: unknown group "${ind.group}"`);
    groupSums.set(ind.group, (groupSums.get(ind.group) ?? dec(0)).plus(ind.maxPoints));
    ind.questions.forEach((q, qi) => {
      const qat = `${at}.questions[${qi}]`;
      if (!q.code.startsWith(`${ind.code}.`)) errors.push(`${qat}.code: "${q.code}" does not start with its indicator code "${ind.code}."`);
      if (questionByCode.has(q.code)) errors.push(`${qat}.code: duplicate question code "${q.code}"`);
      questionByCode.set(q.code, { ...q, indicator: ind.code, group: ind.group });
      q.agencies.forEach((a, ai) => {
        if (!agencyIds.has(a)) errors.push(`${qat}.agencies[${ai}]: unknown agency "${a}"`);
      });
    });
    // Quirk of the 2024 source: question maxima may add to MORE than the indicator maximum
    // (19: 54 vs 51; 21B: 18 vs 17); scoring caps the indicator. Less than the maximum would make
    // the indicator unreachable, which is a data error.
    const qsum = sum(ind.questions.map((q) => q.maxPoints));
    if (qsum.lt(ind.maxPoints)) {
      errors.push(`${at}.maxPoints: ${ind.maxPoints} cannot be reached, its questions add up to ${qsum.toString()}`);
    }
  });
  file.groups.forEach((g, gi) => {
    if (!groupSums.has(g.id)) errors.push(`groups[${gi}]: group "${g.id}" has no indicators`);
  });
  const total = sum(file.indicators.map((i) => i.maxPoints));
  if (!total.eq(file.maxTotal)) errors.push(`maxTotal: ${file.maxTotal} but the indicator maxima add up to ${total.toString()}`);

  const bands = file.bands.items;
  bands.forEach((b, bi) => {
    const at = `bands.items[${bi}]`;
    if (b.min > b.max) errors.push(`${at}.min: ${b.min} is above max ${b.max}`);
    if (bi > 0 && b.min <= bands[bi - 1].max && file.bands.rule !== 'at-previous-max') {
      errors.push(`${at}.min: ${b.min} overlaps the previous band (max ${bands[bi - 1].max})`);
    }
    if (bi > 0 && b.max <= bands[bi - 1].max) errors.push(`${at}.max: bands must be in ascending order`);
    if (b.id === 'none') errors.push(`${at}.id: "none" is reserved for scores below the first band`);
  });
  if (bands.length && bands[bands.length - 1].max > file.maxTotal) {
    errors.push(`bands.items[${bands.length - 1}].max: ${bands[bands.length - 1].max} is above maxTotal ${file.maxTotal}`);
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    rules: {
      ...file,
      hash,
      groupMax: new Map([...groupSums].map(([k, v]) => [k, toNumber(v)])),
      questionByCode,
      indicatorByCode,
      groupById,
      questionCount: questionByCode.size,
    },
  };
}

/** Hex SHA-256 with WebCrypto (present in browsers, workers and Node 20). */
export async function sha256Hex(data: string | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Load rules from text, computing the hash. */
export async function loadRulesText(text: string): Promise<RulesResult> {
  return parseRulesText(text, await sha256Hex(text));
}
