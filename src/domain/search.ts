/**
 * Question search for the instrument screen: by code ("1.2f", "21a", "19") or by words in either
 * language ("akta kelahiran", "birth"). Code matches rank first; word matches need every word.
 */
import type { Rules } from './rules/load';
import { normalize } from './text';

export interface SearchIndexEntry {
  code: string;
  indicator: string;
  text: string;
}

export function buildSearchIndex(rules: Rules): SearchIndexEntry[] {
  return rules.indicators.flatMap((ind) =>
    ind.questions.map((q) => ({
      code: q.code,
      indicator: ind.code,
      text: normalize(`${q.prompt.id} ${q.prompt.en} ${ind.title.id} ${ind.title.en}`),
    })),
  );
}

const CODE_RE = /^(\d{1,2}[a-c]?)(\.[0-9a-z]*)?$/i;

/** Words people put before a code: "indikator 19", "ind. 21a", "pertanyaan 1.2f", "no 4". */
const CODE_PREFIX = /^(?:indikator|ind|pertanyaan|pert|soal|nomor|no|kode|indicator|question|q)\b\.?\s*/i;

/**
 * Normalise a typed code: "21a.3" -> "21A.3", "1.2F" -> "1.2f", and as people type them:
 * "indikator 19" -> "19", "ind 21a" -> "21A", "1,2f" and "1. 2 f" -> "1.2f".
 */
export function normalizeCode(input: string): string {
  const typed = input.trim().replace(CODE_PREFIX, '').replace(/\s*[.,]\s*/g, '.').replace(/(\d)\s+([a-z])$/i, '$1$2');
  const m = typed.match(/^(\d{1,2})([a-c]?)(?:\.([0-9]+)([a-z]{0,2}))?$/i);
  if (!m) return input.trim();
  const ind = m[1] + m[2].toUpperCase();
  return m[3] === undefined ? ind : `${ind}.${m[3]}${m[4].toLowerCase()}`;
}

export function searchQuestions(index: SearchIndexEntry[], query: string): string[] {
  const q = query.trim();
  if (!q) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  const code = normalizeCode(q);
  if (CODE_RE.test(code)) {
    const exactIndicator = !code.includes('.');
    for (const e of index) {
      if (exactIndicator ? e.indicator === code : e.code === code || e.code.startsWith(code)) {
        out.push(e.code);
        seen.add(e.code);
      }
    }
  }
  const words = normalize(q).split(' ').filter((w) => w.length > 1 || /\d/.test(w));
  if (words.length) {
    for (const e of index) {
      if (!seen.has(e.code) && words.every((w) => e.text.includes(w))) out.push(e.code);
    }
  }
  return out;
}
