/**
 * Compiling the classifier's knowledge (rules file) into lookup tables, and turning a document's
 * text into weighted word keys.
 *
 * Text pipeline, identical for the vocabulary and for documents so that both meet:
 *  1. surface words: Unicode-normalised, diacritics and OCR junk inside words removed
 *     ("Kot\"a" -> kota, "ke|ompok" -> kelompok), camel-case split ("PencatatanSipil"),
 *     lower case, numbers dropped, hyphenated compounds split (PAUD-HI -> paud hi);
 *  2. stop words dropped (rules file `stopWords`);
 *  3. each word mapped to a lexicon key: the word itself or one of its stems (stem.ts) that the
 *     lexicon knows; the lexicon holds every word of the vocabulary, the kind cues, the
 *     abbreviation expansions and the question prompts, and unifies their affixed forms;
 *  4. in scanned-looking documents, unknown words are repaired (fuzzy.ts): OCR-canonical match,
 *     one edit, joining a broken word with the next fragment, splitting two run-together words;
 *  5. abbreviations expanded (KTR -> kawasan tanpa rokok); ambiguous ones (KIA) by the context
 *     words of each sense.
 * Phrases are then matched with a trie over keys, longest match first (see classify.ts).
 */
import type { Rules } from '../rules/load';
import type { ClassifierConfig, DocKind, Term } from '../rules/schema';
import { FuzzyIndex, looksScanned } from './fuzzy';
import { stemVariants } from './stem';
import { zoneLines, type CompiledBoilerplate, type ZoneName } from './zones';

export const KINDS: readonly DocKind[] = ['regulation', 'decree', 'budget', 'report', 'data', 'minutes', 'other'];
/** The kinds with cue words (all but "other"). */
export const CUE_KINDS = ['regulation', 'decree', 'budget', 'report', 'data', 'minutes'] as const;

/** One weighted term of one target (an indicator index, or a kind index in the kind trie). */
export interface TermEntry {
  target: number;
  weight: number;
  /** The term as written in the rules file, for "the words that convinced it". */
  display: string;
  /** Unique id of this (phrase, target) pair for term-frequency counting. */
  id: number;
  /** The same phrase is in another indicator's vocabulary too ("patbm" is 21A's and 26's). */
  shared?: boolean;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  entries?: TermEntry[];
}

export interface ModelIndicator {
  code: string;
  group: string;
  title: string;
  /** Kinds of document this indicator accepts; null = any. */
  kinds: ReadonlySet<DocKind> | null;
  policyTopic: boolean;
  /** Each question's prompt keys, and the level whose every office answers it (rules forKecamatan/forDesa). */
  questions: { code: string; keys: string[]; answeredBy: 'kecamatan' | 'desa' | null }[];
}

interface Abbreviation {
  expand?: string[];
  senses?: { keys: string[]; context: ReadonlySet<string> }[];
}

/** The compiled classifier. Build once with `compileModel`; immutable and safe to share. */
export interface Model {
  rulesId: string;
  config: ClassifierConfig;
  indicators: ModelIndicator[];
  indicatorIndex: ReadonlyMap<string, number>;
  groups: string[];
  /** Names a group is known by (rules file names and short names, in both languages). */
  groupAliases: ReadonlyMap<string, string[]>;
  policyIndex: number;
  lex: Map<string, string>;
  fuzzy: FuzzyIndex;
  stop: ReadonlySet<string>;
  noStem: ReadonlySet<string>;
  /** Acronyms: matched by their written form only, never as the stem of another word. */
  surfaceOnly: ReadonlySet<string>;
  abbr: ReadonlyMap<string, Abbreviation>;
  termTrie: TrieNode;
  kindTrie: TrieNode;
  /** Cues of levels and issuers (targets: indexes into `levels` / `issuers`). */
  levelTrie: TrieNode;
  issuerTrie: TrieNode;
  /** `covers`: indexes of the topics the level's indicator asks about (every one when the rules name none). */
  levels: { level: string; indicator: number; boost: number; policy: number; covers: number[]; away: { shared: number; other: number } }[];
  issuers: { issuer: string; policy: number }[];
  /** Letterhead units, most local first (rules `letterheads`): level index, -1 for the city itself. */
  letterheads: { level: number; re: RegExp }[];
  /** Agreement (target 0) and partner (target 1) cues, and the partnership indicator; null without one. */
  partnership: { trie: TrieNode; indicator: number; boost: number } | null;
  /** Indicators often accepted together (rules `filing.companions`): best indicator code -> companion codes. */
  companions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Indicator profiles (rules `profiles`): per word key, its idf and its weight in each profile. */
  profiles: { weight: number; byKey: Map<string, { idf: number; in: [number, number][] }>; framing: boolean; tags: boolean } | null;
  /** Cues of a decree that appoints or designates (policy.appointments), and its policy factor; null without. */
  appointments: { trie: TrieNode; factor: number } | null;
  /** Cues of the body whose signature makes a budget the city's (policy.budgetSigners), and the factor without it; null without. */
  budgetSigners: { trie: TrieNode; factor: number } | null;
  /** Cues of a regulation in the making named in the opening (policy.drafting), and how far it reads as a regulation; null without. */
  drafting: { trie: TrieNode; factor: number } | null;
  termCount: number;
  boilerplate: CompiledBoilerplate;
  /** Inverse document frequency of each key over the question prompts (for suggestQuestions). */
  questionIdf: ReadonlyMap<string, number>;
  /** Learned question scores (rules `questionProfiles`): per question code, its word keys' weights. */
  questionProfiles: { weight: number; byQuestion: Map<string, Map<string, number>> } | null;
  /** Memo of word -> key lookups (a pure function of the word; bounded). */
  wordCache: Map<string, WordKey | null>;
}

interface WordKey {
  key: string;
  known: boolean;
  fuzzy: boolean;
}

export class ClassifierConfigError extends Error {}

// ------------------------------------------------------------------------------------------------
// Surface words

const JUNK_BETWEEN_LETTERS = /(\p{L})[¬·°^`~"'´¨*]+(?=\p{L})/gu;
const PIPE_IN_WORD = /(\p{L})[|¦!](?=\p{L})/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const JUNK_CHAR = /[¬·°^`~"'´¨*|¦!$]/;
const CAMEL = /(\p{Ll})(\p{Lu}\p{Ll})/gu;
const HAS_CAMEL = /\p{Ll}\p{Lu}/u;

/** Lower-case surface words of a line, before stop words and keys. Numbers are dropped. */
export function surfaceWords(line: string): string[] {
  let s = line;
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const junk = JUNK_CHAR.test(s);
  if (junk) s = s.replace(JUNK_BETWEEN_LETTERS, '$1');
  if (HAS_CAMEL.test(s)) s = s.replace(CAMEL, '$1 $2');
  s = s.toLowerCase();
  if (junk) s = s.replace(PIPE_IN_WORD, '$1l').replace(/\$(?=\p{L})/gu, 's');
  const out: string[] = [];
  for (const m of s.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/^\d+$/.test(w)) continue;
    out.push(w);
  }
  return out;
}

const DIGIT_AS_LETTER: Record<string, string[]> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '2': ['z'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '6': ['g'],
  '7': ['t'],
  '8': ['b'],
  '9': ['g'],
};

/** Readings of a word with digits inside letters ("pelat1han" -> pelatihan, pelatlhan). */
function digitReadings(w: string): string[] {
  let outs = [''];
  for (const ch of w) {
    const alts = DIGIT_AS_LETTER[ch] ?? [ch];
    outs = outs.flatMap((o) => alts.map((a) => o + a)).slice(0, 8);
  }
  return outs;
}

// ------------------------------------------------------------------------------------------------
// Compiling

function termText(t: Term): [string, number] {
  return typeof t === 'string' ? [t, 1] : [t[0], t[1]];
}

/** Compile a rules file's classifier knowledge. Throws ClassifierConfigError when it has none or it is inconsistent. */
export function compileModel(rules: Rules): Model {
  const config = rules.classifier;
  if (!config) throw new ClassifierConfigError(`rules "${rules.id}" have no "classifier" section`);
  const noStem = new Set(config.noStem.map((w) => w.toLowerCase()));
  const stop = new Set(config.stopWords.map((w) => w.toLowerCase()));
  const lex = new Map<string, string>();
  const fuzzy = new FuzzyIndex();
  // Acronyms are matched as written only: a stem of another word must not land on one
  // ("pemeriksaan" must not reach "lksa").
  const surfaceOnly = new Set<string>();
  for (const a of config.abbreviations) for (const w of surfaceWords(a.abbr)) surfaceOnly.add(w);
  for (const ind of rules.indicators)
    for (const t of ind.vocabulary?.terms ?? []) {
      const ws = surfaceWords(termText(t)[0]);
      if (ws.length === 1 && (ws[0].match(/[aiueo]/g) ?? []).length <= 1 && ws[0].length <= 6) surfaceOnly.add(ws[0]);
    }

  /** Register a surface word and its stems in the lexicon, unifying with forms already known. */
  const register = (w: string): string => {
    const direct = lex.get(w);
    if (direct !== undefined) return direct;
    const variants = [w, ...stemVariants(w, noStem)];
    let key: string | undefined;
    for (const v of variants) {
      key = lex.get(v);
      if (key !== undefined) break;
    }
    key ??= w;
    for (const v of variants) {
      if (!lex.has(v)) lex.set(v, key);
      if (!/\d/.test(v) || v === w) fuzzy.add(v, key);
    }
    return key;
  };

  // Every text the model knows, registered before any phrase is compiled.
  const texts: string[] = [];
  for (const ind of rules.indicators) {
    for (const t of ind.vocabulary?.terms ?? []) texts.push(termText(t)[0]);
    for (const q of ind.questions) texts.push(q.prompt.id);
    texts.push(ind.title.id);
  }
  for (const a of rules.agencies) texts.push(a.name, a.fullName);
  for (const k of CUE_KINDS) for (const t of config.kinds[k]) texts.push(termText(t)[0]);
  for (const a of config.abbreviations) {
    if (a.expand) texts.push(a.expand);
    for (const s of a.senses ?? []) texts.push(s.expand, ...s.context);
    texts.push(a.abbr);
  }
  for (const t of texts) for (const w of surfaceWords(t)) if (!stop.has(w)) register(w);

  const keysOfText = (t: string): string[] =>
    surfaceWords(t)
      .filter((w) => !stop.has(w))
      .map((w) => lex.get(w) ?? register(w));

  // Abbreviations (their expansions are keyed like any phrase).
  const abbr = new Map<string, Abbreviation>();
  for (const a of config.abbreviations) {
    const k = surfaceWords(a.abbr).join('');
    if (a.expand) abbr.set(k, { expand: keysOfText(a.expand) });
    else if (a.senses?.length) abbr.set(k, { senses: a.senses.map((s) => ({ keys: keysOfText(s.expand), context: new Set(s.context.flatMap(keysOfText)) })) });
  }
  /** Vocabulary phrases: keyed, with unambiguous abbreviations expanded like in documents. */
  const phraseKeys = (t: string): string[] =>
    surfaceWords(t)
      .filter((w) => !stop.has(w))
      .flatMap((w) => abbr.get(w)?.expand ?? [lex.get(w) ?? register(w)]);

  let nextId = 0;
  const addTo = (trie: TrieNode, keys: string[], target: number, weight: number, display: string) => {
    if (!keys.length) return;
    let node = trie;
    for (const k of keys) {
      let n = node.next.get(k);
      if (!n) node.next.set(k, (n = { next: new Map() }));
      node = n;
    }
    node.entries ??= [];
    const same = node.entries.find((e) => e.target === target);
    if (same) {
      if (weight > same.weight) {
        same.weight = weight;
        same.display = display;
      }
    } else node.entries.push({ target, weight, display, id: nextId++ });
  };

  const indicatorIndex = new Map<string, number>();
  rules.indicators.forEach((ind, i) => indicatorIndex.set(ind.code, i));
  const policyIndex = indicatorIndex.get(config.policy.indicator);
  if (policyIndex === undefined) throw new ClassifierConfigError(`classifier.policy.indicator: unknown indicator "${config.policy.indicator}"`);

  const agencyById = new Map(rules.agencies.map((a) => [a.id, a]));
  const termTrie: TrieNode = { next: new Map() };
  const indicators: ModelIndicator[] = rules.indicators.map((ind, i) => {
    const voc = ind.vocabulary;
    for (const t of voc?.terms ?? []) {
      const [text, w] = termText(t);
      addTo(termTrie, phraseKeys(text), i, w, text);
    }
    for (const id of voc?.agencies ?? []) {
      const a = agencyById.get(id);
      if (!a) throw new ClassifierConfigError(`indicators[${i}].vocabulary.agencies: unknown agency "${id}"`);
      for (const name of new Set([a.name, a.fullName])) addTo(termTrie, phraseKeys(name), i, config.weights.agency, name);
    }
    return {
      code: ind.code,
      group: ind.group,
      title: ind.title.id,
      kinds: voc?.kinds ? new Set(voc.kinds) : null,
      policyTopic: voc?.policyTopic ?? true,
      questions: ind.questions.map((q) => ({ code: q.code, keys: [...new Set(phraseKeys(q.prompt.id))], answeredBy: q.forDesa ? ('desa' as const) : q.forKecamatan ? ('kecamatan' as const) : null })),
    };
  });

  markShared(termTrie);
  const kindTrie: TrieNode = { next: new Map() };
  CUE_KINDS.forEach((k, ki) => {
    for (const t of config.kinds[k]) {
      const [text, w] = termText(t);
      addTo(kindTrie, phraseKeys(text), ki, w, text);
    }
  });

  // levels of government and issuers (issue 11)
  const levelTrie: TrieNode = { next: new Map() };
  const issuerTrie: TrieNode = { next: new Map() };
  const levels = (config.levels ?? []).map((l, li) => {
    for (const t of l.cues) {
      const [text, w] = termText(t);
      addTo(levelTrie, phraseKeys(text), li, w, text);
    }
    const indicator = l.indicator === undefined ? -1 : (indicatorIndex.get(l.indicator) ?? -2);
    if (indicator === -2) throw new ClassifierConfigError(`classifier.levels[${li}].indicator: unknown indicator "${l.indicator}"`);
    const covers = (l.covers ?? rules.indicators.map((x) => x.code)).map((code) => {
      const j = indicatorIndex.get(code);
      if (j === undefined) throw new ClassifierConfigError(`classifier.levels[${li}].covers: unknown indicator "${code}"`);
      return j;
    });
    return { level: l.level, indicator, boost: l.boost ?? 0, policy: l.policy ?? 1, covers, away: l.away ?? { shared: 1, other: 1 } };
  });
  const issuers = (config.issuers ?? []).map((x, xi) => {
    for (const t of x.cues) {
      const [text, w] = termText(t);
      addTo(issuerTrie, phraseKeys(text), xi, w, text);
    }
    return { issuer: x.issuer, policy: x.policy };
  });
  const letterheads = (config.letterheads ?? []).map((u, ui) => {
    const level = u.level === undefined ? -1 : levels.findIndex((l) => l.level === u.level);
    if (level === -1 && u.level !== undefined) throw new ClassifierConfigError(`classifier.letterheads[${ui}].level: unknown level "${u.level}"`);
    return { level, re: new RegExp(u.pattern, 'u') };
  });
  const companions = new Map<string, Set<string>>();
  for (const [best, other] of config.filing.companions?.pairs ?? []) {
    for (const code of [best, other]) if (!indicatorIndex.has(code)) throw new ClassifierConfigError(`classifier.filing.companions: unknown indicator "${code}"`);
    companions.set(best, (companions.get(best) ?? new Set()).add(other));
  }
  let profiles: Model['profiles'] = null;
  if (config.profiles) {
    const byKey = new Map<string, { idf: number; in: [number, number][] }>();
    for (const [k, idf] of Object.entries(config.profiles.idf)) byKey.set(k, { idf, in: [] });
    for (const [code, entries] of Object.entries(config.profiles.indicators)) {
      const j = indicatorIndex.get(code);
      if (j === undefined) throw new ClassifierConfigError(`classifier.profiles.indicators: unknown indicator "${code}"`);
      for (const [k, w] of entries) {
        const e = byKey.get(k);
        if (!e) throw new ClassifierConfigError(`classifier.profiles.indicators.${code}: "${k}" has no idf`);
        e.in.push([j, w]);
      }
    }
    profiles = { weight: config.profiles.weight, byKey, framing: !!config.profiles.framing, tags: !!config.profiles.tags };
  }
  const cueTrie = (cues: { cues: Term[]; factor: number } | undefined) => {
    if (!cues) return null;
    const trie: TrieNode = { next: new Map() };
    for (const t of cues.cues) {
      const [text, w] = termText(t);
      addTo(trie, phraseKeys(text), 0, w, text);
    }
    return { trie, factor: cues.factor };
  };
  const appointments: Model['appointments'] = cueTrie(config.policy.appointments);
  const budgetSigners: Model['budgetSigners'] = cueTrie(config.policy.budgetSigners);
  const drafting: Model['drafting'] = cueTrie(config.policy.drafting);
  let partnership: Model['partnership'] = null;
  if (config.partnership) {
    const pc = config.partnership;
    const trie: TrieNode = { next: new Map() };
    [pc.agreements, pc.partners].forEach((cues, target) => {
      for (const t of cues) {
        const [text, w] = termText(t);
        addTo(trie, phraseKeys(text), target, w, text);
      }
    });
    const indicator = indicatorIndex.get(pc.indicator);
    if (indicator === undefined) throw new ClassifierConfigError(`classifier.partnership.indicator: unknown indicator "${pc.indicator}"`);
    partnership = { trie, indicator, boost: pc.boost };
  }

  // boilerplate patterns are matched against lower-cased lines (see zones.ts)
  const compileRe = (s: string) => new RegExp(s, 'u');
  /** One quick test for many patterns: anchored ones share a single ^(?:...) (tried at one position only). */
  const anyOf = (patterns: string[]): { test: (s: string) => boolean } => {
    const anchored = patterns.filter((p) => p.startsWith('^') && !/(?<!\\)\|/.test(p.replace(/\([^()]*\)/g, '')));
    const rest = patterns.filter((p) => !anchored.includes(p));
    const a = anchored.length ? new RegExp(`^(?:${anchored.map((p) => `(?:${p.slice(1)})`).join('|')})`, 'u') : null;
    const r = rest.length ? new RegExp(rest.map((p) => `(?:${p})`).join('|'), 'u') : null;
    return { test: (s) => (a?.test(s) ?? false) || (r?.test(s) ?? false) };
  };
  const bp = config.boilerplate;
  const boilerplate: CompiledBoilerplate = {
    anyLine: anyOf(bp.lines.map((l) => l.pattern)),
    header: bp.header.map(compileRe),
    lines: bp.lines.map((l) => ({ re: compileRe(l.pattern), weight: l.weight })),
    signatureStart: bp.signatureStart.map(compileRe),
    blocks: bp.blocks.map((b) => ({ start: compileRe(b.start), end: compileRe(b.end), maxLines: b.maxLines, weight: b.weight })),
    notTitle: bp.notTitle.map(compileRe),
  };

  // IDF of question words, for ranking an indicator's questions against a document.
  const df = new Map<string, number>();
  let nq = 0;
  for (const ind of indicators)
    for (const q of ind.questions) {
      nq++;
      for (const k of q.keys) df.set(k, (df.get(k) ?? 0) + 1);
    }
  const questionIdf = new Map([...df].map(([k, n]) => [k, Math.log(1 + nq / n)]));
  const questionProfiles = compileQuestionProfiles(config.questionProfiles, indicators, questionIdf);

  return {
    rulesId: rules.id,
    config,
    indicators,
    indicatorIndex,
    groups: rules.groups.map((g) => g.id),
    groupAliases: new Map(
      rules.groups.map((g) => {
        const names = [g.name.id, g.name.en, g.short.id, g.short.en];
        const parts = names.flatMap((x) => [x.split(/[:(]/)[0], ...x.split('/'), ...(x.match(/\(([^)]*)\)/)?.[1].split('/') ?? [])]);
        return [g.id, [...new Set([...names, ...parts].map((x) => x.trim()).filter(Boolean))]];
      }),
    ),
    policyIndex,
    lex,
    fuzzy,
    stop,
    noStem,
    surfaceOnly,
    abbr,
    termTrie,
    kindTrie,
    levelTrie,
    issuerTrie,
    letterheads,
    levels,
    issuers,
    partnership,
    companions,
    appointments,
    budgetSigners,
    drafting,
    profiles,
    termCount: nextId,
    boilerplate,
    questionIdf,
    questionProfiles,
    wordCache: new Map(),
  };
}

// ------------------------------------------------------------------------------------------------
// Documents -> tokens

export interface Token {
  key: string;
  /** Zone weight of the word (title > body > letterhead/signature), times the fuzzy discount. */
  w: number;
  zone: ZoneName;
  /** Recognised only by OCR repair. */
  fuzzy: boolean;
  /** Whether the lexicon knows the key. */
  known: boolean;
  /** Surface form (lower case), for abbreviations. */
  surface: string;
  /** Page (1-based) when the input came page by page; 0 for the file name and metadata title. */
  page?: number;
}

export interface DocumentInput {
  /** The document's text (extracted from PDF/DOCX, or typed). */
  text: string;
  /** File name, e.g. "SK_Forum_Anak_2024.pdf"; its words count like the title. */
  name?: string;
  /** Title from the file's metadata; counts like the title. */
  title?: string;
  /**
   * The text page by page (then `text` is ignored and the pages are read joined by a blank
   * line): each word knows its page, and the classification says which pages are about what.
   */
  pages?: string[];
}

function lookupKnown(model: Model, w: string): string | undefined {
  const k = model.lex.get(w);
  if (k !== undefined) return k;
  for (const v of stemVariants(w, model.noStem)) {
    if (model.surfaceOnly.has(v)) continue;
    const s = model.lex.get(v);
    if (s !== undefined) return s;
  }
  return undefined;
}

const WORD_CACHE_MAX = 50_000;
/** Key of a stop word recognised only through OCR repair (dropped after the scanned check). */
const STOP_KEY = '\u0000stop';

/** Key of one surface word (memoised). */
function keyWord(model: Model, w: string): WordKey | null {
  const c = model.wordCache.get(w);
  if (c !== undefined) return c;
  const k = keyWordUncached(model, w);
  if (model.wordCache.size >= WORD_CACHE_MAX) model.wordCache.clear();
  model.wordCache.set(w, k);
  return k;
}

/** Key of one surface word; handles digits inside letters. Returns null for number-like words. */
function keyWordUncached(model: Model, w: string): WordKey | null {
  const k = lookupKnown(model, w);
  if (k !== undefined) return { key: k, known: true, fuzzy: false };
  if (/\d/.test(w)) {
    const letters = (w.match(/\p{L}/gu) ?? []).length;
    if (letters < 2 || letters < w.length - letters) return null;
    const readings = digitReadings(w);
    for (const r of readings) {
      const rk = model.stop.has(r) ? STOP_KEY : lookupKnown(model, r);
      if (rk !== undefined) return { key: rk, known: true, fuzzy: true };
    }
    return { key: '~' + readings[readings.length > 1 ? 1 : 0], known: false, fuzzy: false };
  }
  return { key: '~' + w, known: false, fuzzy: false };
}

/** Repair unknown words of a scanned document: fuzzy match, join with the next fragment, split. */
function repairOcr(model: Model, toks: Token[]): Token[] {
  const out: Token[] = [];
  const fuzzyW = model.config.weights.fuzzy;
  const knownOrStop = (w: string): string | null | undefined => {
    if (model.stop.has(w)) return null;
    return lookupKnown(model, w) ?? (w.length >= 5 ? model.fuzzy.lookupExact(w) : undefined);
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.known || t.surface.length < 3) {
      out.push(t);
      continue;
    }
    const s = t.surface.replace(/\d/g, (d) => DIGIT_AS_LETTER[d][0]);
    // a broken word: this fragment + the next one
    const n = toks[i + 1];
    if (n && !n.known && n.zone === t.zone) {
      const joined = s + n.surface;
      if (model.stop.has(joined)) {
        i++;
        continue;
      }
      const jk = lookupKnown(model, joined) ?? model.fuzzy.lookup(joined);
      if (jk !== undefined) {
        out.push({ ...t, key: jk, known: true, fuzzy: true, w: t.w * fuzzyW, surface: joined });
        i++;
        continue;
      }
    }
    if (s.length >= 4) {
      let fk = model.fuzzy.lookup(s);
      if (fk === undefined) for (const v of stemVariants(s, model.noStem)) if (v.length >= 6 && (fk = model.fuzzy.lookup(v)) !== undefined) break;
      if (fk !== undefined) {
        out.push({ ...t, key: fk, known: true, fuzzy: true, w: t.w * fuzzyW });
        continue;
      }
    }
    // two words run together
    if (s.length >= 7) {
      let done = false;
      for (let cut = s.length - 3; cut >= 2 && !done; cut--) {
        const a = knownOrStop(s.slice(0, cut));
        if (a === undefined) continue;
        const b = knownOrStop(s.slice(cut));
        if (b === undefined) continue;
        for (const [part, key] of [
          [s.slice(0, cut), a],
          [s.slice(cut), b],
        ] as const)
          if (key !== null) out.push({ ...t, key, known: true, fuzzy: true, w: t.w * fuzzyW, surface: part });
        done = true;
      }
      if (done) continue;
    }
    out.push(t);
  }
  return out;
}

/** Expand abbreviations in place of their token; ambiguous ones by context. */
function expandAbbreviations(model: Model, toks: Token[]): Token[] {
  if (!toks.some((t) => model.abbr.has(t.surface))) return toks;
  let keyCount: Map<string, number> | undefined;
  const counts = () => {
    if (!keyCount) {
      keyCount = new Map();
      for (const t of toks) keyCount.set(t.key, (keyCount.get(t.key) ?? 0) + 1);
    }
    return keyCount;
  };
  const out: Token[] = [];
  toks.forEach((t, i) => {
    const a = model.abbr.get(t.surface);
    if (!a) return void out.push(t);
    let keys = a.expand;
    if (!keys && a.senses) {
      const scores = a.senses.map((s) => {
        let sc = 0;
        for (const k of s.context) sc += counts().get(k) ?? 0;
        for (let j = Math.max(0, i - 8); j < Math.min(toks.length, i + 9); j++) if (j !== i && s.context.has(toks[j].key)) sc += j === i - 1 ? 3 : 1;
        return sc;
      });
      const best = Math.max(...scores);
      if (best > 0 && scores.filter((x) => x === best).length === 1) keys = a.senses[scores.indexOf(best)].keys;
    }
    if (!keys) return void out.push(t);
    for (const k of keys) out.push({ ...t, key: k, known: true });
  });
  return out;
}

const JUNK_NEAR_LETTER = /[|¦¬·°^~`$]\p{L}|\p{L}[|¦¬·°^~`$]/gu;

export interface Analysis {
  tokens: Token[];
  scanned: boolean;
  /** The letterhead's lines up to its address, lower case and trimmed (the zone `header`). */
  letterhead: string[];
}

/** Text -> weighted tokens (zones, stop words, keys, OCR repair, abbreviations). */
export function analyse(model: Model, input: DocumentInput): Analysis {
  const w = model.config.weights;
  // pages with \n line ends only, so that each line's page can be counted
  const pages = input.pages?.map((p) => (p ?? '').replace(/\r\n?/g, '\n'));
  const text = pages ? pages.join('\n\n') : (input.text ?? '');
  const lines = zoneLines(text, model.boilerplate, { title: w.title, header: w.header, signature: w.signature });
  // the page of each line: pages are joined by one blank line
  const pageOf: number[] = [];
  pages?.forEach((p, i) => {
    const n = p.split('\n').length;
    for (let k = 0; k < n; k++) pageOf.push(i + 1);
    pageOf.push(i + 1);
  });
  const extra: { text: string; weight: number }[] = [];
  if (input.title) extra.push({ text: input.title, weight: w.title });
  if (input.name) extra.push({ text: input.name.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[_.]+/g, ' '), weight: w.fileName });

  let toks: Token[] = [];
  const push = (text: string, weight: number, zone: ZoneName, page?: number) => {
    if (weight <= 0) return;
    for (const s of surfaceWords(text)) {
      if (model.stop.has(s)) continue;
      const k = keyWord(model, s);
      if (!k) continue;
      toks.push({ key: k.key, w: k.fuzzy ? weight * w.fuzzy : weight, zone, fuzzy: k.fuzzy, known: k.known, surface: s, page });
    }
  };
  for (const e of extra) push(e.text, e.weight, 'lead', pages ? 0 : undefined);
  lines.forEach((l, i) => push(l.text, l.weight, l.zone, pageOf[i]));
  // Does it look scanned? OCR junk next to letters ("ke|ompok", "¦Inisial"), or words that are
  // only known when digits are read as letters ("PELAT1HAN", "SE8AGAI"). Acronyms with digits
  // (DP3A, P2TP2A) do not count: no reading of them is a word.
  let suspicious = text.match(JUNK_NEAR_LETTER)?.length ?? 0;
  for (const t of toks) if (t.fuzzy) suspicious++;
  const scanned = looksScanned(suspicious, toks.length);
  toks = toks.filter((t) => t.key !== STOP_KEY);
  if (scanned) toks = repairOcr(model, toks);
  toks = expandAbbreviations(model, toks);
  // the letterhead's names, up to its address or telephone line (a fixed weight below the zone's)
  const letterhead: string[] = [];
  for (const l of lines) {
    if (l.zone !== 'header' || l.weight < w.header) break;
    if (l.text.trim()) letterhead.push(l.text.trim().toLowerCase());
  }
  return { tokens: toks, scanned, letterhead };
}

/** Marks the entries of each phrase that more than one indicator's vocabulary holds. */
function markShared(node: TrieNode) {
  if (node.entries && node.entries.length > 1) for (const e of node.entries) e.shared = true;
  for (const n of node.next.values()) markShared(n);
}

/**
 * The learned question scores, checked against the instrument's questions. A word key that is no
 * longer a prompt word (the lexicon keys words by the forms it knows, so an edit of the vocabulary
 * can rename one) is left out: it could never score. The unit test that compares the rules file
 * with a fresh fit says when the profiles are stale.
 */
function compileQuestionProfiles(qp: ClassifierConfig['questionProfiles'], indicators: { questions: { code: string }[] }[], questionIdf: ReadonlyMap<string, number>): Model['questionProfiles'] {
  if (!qp) return null;
  const codes = new Set(indicators.flatMap((i) => i.questions.map((q) => q.code)));
  const byQuestion = new Map<string, Map<string, number>>();
  for (const [code, entries] of Object.entries(qp.questions)) {
    if (!codes.has(code)) throw new ClassifierConfigError(`classifier.questionProfiles.questions: unknown question "${code}"`);
    byQuestion.set(code, new Map(entries.filter(([k]) => questionIdf.has(k))));
  }
  return { weight: qp.weight, byQuestion };
}
