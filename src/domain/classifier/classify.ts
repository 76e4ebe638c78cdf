/**
 * Scoring a document against every indicator.
 *
 * 1. Phrase matching: the document's keys are walked through a trie of the vocabulary; where
 *    phrases overlap the longest wins ("forum anak desa" is evidence for 26, and its "forum anak"
 *    does not also count for 6). Each match counts with the weight of its words' zone.
 * 2. Topic score of indicator j: sum over its matched terms of weight x saturation(tf), where
 *    saturation(tf) = (k+1) tf / (k + tf) (BM25's; k = `weights.saturation`): the first mention of a
 *    term counts most, repetition helps but cannot dominate, many different terms beat one
 *    repeated term.
 * 3. Document kind: cue words (title cues weigh `weights.kindTitle` times more) give a score per
 *    kind; a softmax with `weights.kindTemperature` (and a constant score for "other") gives
 *    P(kind). An indicator that only accepts some kinds (`vocabulary.kinds`, e.g. the policy
 *    indicator 1: regulation, decree, budget) has its topic score multiplied by
 *    floor + (1 - floor) P(accepted kinds).
 * 4. Policy indicator: a regulation/decree/budget on a cluster topic is evidence for indicator 1
 *    too, so it also receives `policy.share` x P(policy kind) x the best topic score among
 *    indicators with `policyTopic` (for a budget, among all indicators: addPolicy). Decrees count
 *    less than regulations (`policy.kinds`); the share shrinks for a decree whose title appoints
 *    or designates (`policy.appointments`: SK pengurus Forum Anak), for a regulation or decree
 *    titled on the institution's own plan or body (`policy.institutionTitle`: Perbup RAD KLA), for
 *    an agency head's decree (`issuers`) and for a village's or kecamatan's (`levels`). A budget
 *    no planning body signs or issues (`policy.budgetSigners`: Bappeda, TAPD in its letterhead,
 *    title or signature) is an office's own, not the city's allocation (1.3 asks for Bappeda's
 *    signature): indicator 1's whole score is multiplied by the factor, weighted by P(budget).
 *    Level, issuer, partnership: a village's or kecamatan's own document is boosted toward that
 *    level's indicator; an agreement with a party outside government toward the partnership
 *    indicator (`partnership`).
 *    Profiles: the document's similarity to each indicator's learned profile, times
 *    `profiles.weight` and the same kind factor as step 3, is added last. The profile reads the
 *    words and pairs of words, and (rules `profiles.framing`, `profiles.tags`) the framing's
 *    words apart and what the document was read as: its level, issuer and kind.
 * 5. Probabilities: softmax of the scores divided by the fitted temperature; the confidence
 *    reported is the top probability after Platt scaling (`calibration`), fitted on the labelled
 *    corpus so that "0.9" means right about 9 times in 10 (see calibrate.ts).
 */
import type { DocKind } from '../rules/schema';
import { analyse, CUE_KINDS, KINDS, type DocumentInput, type Model, type TermEntry, type Token, type TrieNode } from './model';
import type { ZoneName } from './zones';

export interface RankedIndicator {
  group: string;
  indicator: string;
  /** Probability (0..1) that the document is evidence for this indicator. */
  score: number;
}

export interface Classification {
  /** Group of the best indicator. */
  group: string;
  /** Best indicator (the first of `ranking`). */
  indicator: string;
  /** Calibrated probability that `indicator` is one the evaluators accept the document under. */
  confidence: number;
  /** Total probability of the indicators of `group`. */
  groupConfidence: number;
  kind: DocKind;
  /** P(kind) for each kind. */
  kinds: Record<DocKind, number>;
  /** All indicators, best first. */
  ranking: RankedIndicator[];
  /** The words and phrases that convinced it, most convincing first. */
  evidence: string[];
  /** How much the document reads as a regulation/decree/budget (0..1). */
  policyWeight: number;
  /** Indicator code of the best cluster topic (the one a policy document would be about). */
  policyTopic: string | null;
  /** The document looked scanned and OCR repair was applied. */
  scanned: boolean;
  /** Raw scores before the softmax (same order as the rules file's indicators). */
  raw: number[];
  /** Counts of the document's keys that occur in question prompts (for suggestQuestions). */
  questionKeys: Record<string, number>;
  /** The level of government its letterhead, title or signature names (rules `levels`), if any. */
  level: string | null;
  /** Who issued it (rules `issuers`), if its letterhead, title or signature says. */
  issuer: string | null;
  /**
   * For a document read page by page: the runs of pages that each speak clearly about one
   * indicator (a Perda KLA's chapter on health, a Profil Anak's table of birth certificates), in
   * page order. Empty when no page does, or the input had no pages; absent in classifications
   * stored before 2 Dec 2026.
   */
  pages?: PageSpan[];
}

/** Pages `from`..`to` (1-based) speak about `indicator`, with probability `score` (page-level, uncalibrated). */
export interface PageSpan {
  from: number;
  to: number;
  indicator: string;
  score: number;
  /** The question words on these pages (as Classification.questionKeys), to suggest the run's question from its own words. */
  questionKeys?: Record<string, number>;
}

/** A page needs this much topic score to be placed (a signature page or a blank page is not). */
const MIN_PAGE_SIGNAL = 6;
/** ... and this probability for its best indicator. */
const MIN_PAGE_PROBABILITY = 0.6;
const MAX_SPANS = 40;

interface Match {
  start: number;
  len: number;
  entries: TermEntry[];
}

/** All trie matches, overlapping matches resolved longest first. */
function matchTrie(trie: TrieNode, toks: Token[]): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < toks.length; i++) {
    let node: TrieNode | undefined = trie;
    for (let j = i; j < toks.length; j++) {
      node = node.next.get(toks[j].key);
      if (!node) break;
      if (node.entries) found.push({ start: i, len: j - i + 1, entries: node.entries });
    }
  }
  if (found.length < 2) return found;
  found.sort((a, b) => b.len - a.len || a.start - b.start);
  const covered = new Uint8Array(toks.length);
  const kept: Match[] = [];
  for (const m of found) {
    let free = false;
    for (let p = m.start; p < m.start + m.len; p++) if (!covered[p]) free = true;
    if (!free) continue;
    for (let p = m.start; p < m.start + m.len; p++) covered[p] = 1;
    kept.push(m);
  }
  return kept;
}

/** Weighted term frequencies: id -> [entry, tf]. The weight of a match is its lightest word's. */
function termFrequencies(matches: Match[], toks: Token[], factor: (t: Token) => number): Map<number, [TermEntry, number]> {
  const tf = new Map<number, [TermEntry, number]>();
  for (const m of matches) {
    let w = Infinity;
    for (let p = m.start; p < m.start + m.len; p++) w = Math.min(w, factor(toks[p]));
    if (!(w > 0)) continue;
    for (const e of m.entries) {
      const cur = tf.get(e.id);
      if (cur) cur[1] += w;
      else tf.set(e.id, [e, w]);
    }
  }
  return tf;
}

const saturate = (tf: number, k: number) => ((k + 1) * tf) / (k + tf);

export function softmax(xs: number[]): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export const logit = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/** Raw scores, kind probabilities and evidence; no calibration. Exposed for fitting. */
export interface Scored {
  raw: number[];
  kinds: Record<DocKind, number>;
  policyWeight: number;
  policyTopic: number;
  contributions: Map<number, { display: string; value: number }[]>;
  tokens: Token[];
  scanned: boolean;
  /** Topic scores of each page (index = page - 1), when the input came page by page. */
  pageTopics: number[][];
  /** Index into model.levels / model.issuers, or -1. */
  level: number;
  issuer: number;
  /** What the profiles read besides the words (profileTags). */
  tags: string[];
}

/** Where a document says who made it: its letterhead, title and signature (not its headings or body). */
const FRAMING: ReadonlySet<ZoneName> = new Set(['header', 'lead', 'title', 'signature']);
/** The same without the signature block, whose copy list ("Tembusan: Camat se-Kota ...") names recipients. */
const OPENING: ReadonlySet<ZoneName> = new Set(['header', 'lead', 'title']);

/**
 * Which of a trie's targets the letterhead, title and signature name: the one whose cues weigh
 * most, at least 1 (the first in the rules file on a tie: levels are listed most local first);
 * -1 when none does. Cues in the letterhead count twice: its last lines name the office that
 * writes ("KECAMATAN CIPANAS", "DESA SUKAMULYA"). The body and the chapter headings are not
 * read: a city's regulation or report names villages and camats all along. An office followed by
 * "se-" ("Lurah se-Kota ...") is a whole class of recipients, not the writer.
 */
function namedIn(trie: TrieNode, tokens: Token[], targets: number, zones = FRAMING): number {
  if (!targets) return -1;
  const framing = tokens.filter((t) => zones.has(t.zone));
  const score = new Array<number>(targets).fill(0);
  const found = matchTrie(trie, framing);
  const at = new Map(found.map((m) => [m.start, m]));
  for (const m of found) {
    // "Camat se-Kabupaten ...", "Kepala Desa dan Lurah se-Kecamatan ...": all of them, the
    // letter's recipients (in a circular's address block as in a copy list), never the one who writes
    if (framing[listEnd(at, m)]?.surface === 'se') continue;
    for (const e of m.entries) score[e.target] += framing[m.start].zone === 'header' ? 2 * e.weight : e.weight;
  }
  let best = -1;
  score.forEach((x, i) => {
    if (x >= 1 && (best < 0 || x > score[best])) best = i;
  });
  return best;
}

/** Where a list of offices that starts with `m` ends ("kepala desa lurah": stop words are gone). */
function listEnd(at: Map<number, Match>, m: Match): number {
  let end = m.start + m.len;
  for (let next = at.get(end); next; next = at.get(end)) end = next.start + next.len;
  return end;
}

/** A line's parts: "KECAMATAN SENEN - KELURAHAN KWITANG", "KABUPATEN NGADA, PROVINSI NTT". */
const UNIT_PARTS = /\s+[-\u2013\u2014|]\s+|,\s*/u;

/**
 * The level of the unit that wrote the document: the letterhead's most local unit (rules
 * `letterheads`) when it is more local than `read`, the level its cues name (-1: the city's own;
 * a Jakarta kelurahan's letterhead names the province first, and its words weigh more).
 */
function writerLevel(model: Model, letterhead: string[], read: number): number {
  const units = model.letterheads;
  if (!units.length || !letterhead.length) return read;
  // each line's most local unit (-1: none); a letterhead that opens with an office (a school's, a
  // puskesmas's) names its address below, and says nothing of who wrote
  const byLine = letterhead.map((l) => units.findIndex((u) => l.split(UNIT_PARTS).some((p) => u.re.test(p))));
  if (byLine[0] < 0) return read;
  const found = Math.min(...byLine.filter((u) => u >= 0));
  const rank = (level: number) => {
    const r = units.findIndex((u) => u.level === level);
    return r < 0 ? units.findIndex((u) => u.level === -1) : r;
  };
  const readRank = rank(read);
  return readRank < 0 || found < readRank ? units[found].level : read;
}

/**
 * Where a document says what it is about: the opening lines outside the letterhead (a regulation
 * published in the Berita Daerah has its "PERATURAN BUPATI ... TENTANG ..." as headings).
 */
const NAMING = { zones: new Set<ZoneName>(['lead', 'title', 'heading']), tokens: 40 };
/** Where an agreement names its parties ("NOTA KESEPAHAMAN ANTARA ... DENGAN ... TENTANG ..."): the letterhead too. */
const PARTIES = { zones: new Set<ZoneName>(['header', 'lead', 'title', 'heading']), tokens: 80 };

/** The weight of each target's cues among the first `at.tokens` tokens that lie in `at.zones`. */
function openingCues(trie: TrieNode, tokens: Token[], at: { zones: ReadonlySet<ZoneName>; tokens: number }, targets: number): number[] {
  const lines = tokens.slice(0, at.tokens).filter((t) => at.zones.has(t.zone));
  const found = new Array<number>(targets).fill(0);
  for (const m of matchTrie(trie, lines)) for (const e of m.entries) found[e.target] += e.weight;
  return found;
}

/** The partnership rule when the opening names an agreement (target 0) and a party outside government (1), else null. */
function partnershipOf(model: Model, tokens: Token[]): Model['partnership'] {
  const pc = model.partnership;
  if (!pc) return null;
  const [agreement, partner] = openingCues(pc.trie, tokens, PARTIES, 2);
  return agreement >= 1 && partner >= 1 ? pc : null;
}

/**
 * Whether the title is about a body or plan of the city's KLA institution (an indicator that is no
 * policy topic, not the policy indicator, not a level's): "Peraturan Bupati tentang Rencana Aksi
 * Daerah KLA", "Keputusan Wali Kota tentang Gugus Tugas KLA". Such a regulation or decree is that
 * indicator's evidence (the RAD exists, the task force is formed), not policy on a cluster topic.
 */
function institutionTitled(model: Model, matches: Match[], tokens: Token[]): boolean {
  const inTitle = new Array<number>(model.indicators.length).fill(0);
  // the document's own topic matches (not a separate trie): matches are not in token order
  for (const m of matches) {
    if (m.start >= NAMING.tokens) continue;
    if (NAMING.zones.has(tokens[m.start].zone)) for (const e of m.entries) inTitle[e.target] += e.weight;
  }
  let top = -1;
  inTitle.forEach((x, j) => {
    if (j !== model.policyIndex && (top < 0 || x > inTitle[top])) top = j;
  });
  if (top < 0 || inTitle[top] < INSTITUTION_TITLE_MIN || inTitle[top] <= inTitle[model.policyIndex]) return false;
  return !model.indicators[top].policyTopic && !model.levels.some((l) => l.indicator === top);
}
/** Title weight that makes a title about an institution's body or plan (a "rad kla" or "gugus tugas kla" alone). */
const INSTITUTION_TITLE_MIN = 4;

/**
 * The terms a profile is made of, with their zone-weighted counts: each known word key, and each
 * pair of neighbouring known keys ("forum anak", "akta lahir"; stop words are already gone), the
 * pair weighing as its lighter word. Pairs tell apart indicators that share their words: "anak
 * sekolah" against "anak kerja" (issue 11: leaving one writing batch out, top-1 of centroid
 * profiles alone 0.916 with words only, 0.955 with pairs). The fitting script counts with this
 * same function.
 */
export function profileTerms(tokens: Token[], features: ProfileFeatures = {}): Map<string, number> {
  const tf = new Map<string, number>();
  let prev: Token | null = null;
  for (const t of tokens) {
    if (!(t.known && t.w > 0)) {
      prev = null;
      continue;
    }
    tf.set(t.key, (tf.get(t.key) ?? 0) + t.w);
    if (features.framing && FRAMING_TERMS.has(t.zone)) tf.set(`^${t.key}`, (tf.get(`^${t.key}`) ?? 0) + 1);
    if (prev) {
      const k = `${prev.key} ${t.key}`;
      tf.set(k, (tf.get(k) ?? 0) + Math.min(prev.w, t.w));
    }
    prev = t;
  }
  for (const tag of features.tags ?? []) tf.set(tag, 1);
  return tf;
}

/** What a profile reads besides the words: the framing's words apart ("^desa"), and what the document was read as ("@level desa"). */
export interface ProfileFeatures {
  framing?: boolean;
  tags?: string[];
}
const FRAMING_TERMS: ReadonlySet<ZoneName> = new Set(['header', 'lead', 'title']);

/**
 * Each indicator's profile score (null without profiles): the dot product of the profile's
 * weights with the document's profile terms as (1 + ln tf) x idf, normalised to unit length (a
 * cosine when the profiles are unit centroids), scaled down for short texts.
 */
export function profileSimilarity(model: Model, tokens: Token[], tags: string[] = []): number[] | null {
  const pr = model.profiles;
  if (!pr) return null;
  const sims = new Array<number>(model.indicators.length).fill(0);
  let norm = 0;
  for (const [k, f] of profileTerms(tokens, { framing: pr.framing, tags: pr.tags ? tags : [] })) {
    const e = pr.byKey.get(k);
    if (!e) continue;
    const x = (1 + Math.log(f)) * e.idf;
    if (!(x > 0)) continue;
    norm += x * x;
    for (const [j, w] of e.in) sims[j] += x * w;
  }
  norm = Math.sqrt(norm);
  // a short text (a cover letter, one line) says too little to lean on: its unit vector would
  // weigh as much as a report's, so below FULL_PROFILE_NORM the profile counts in proportion
  const damp = Math.min(1, norm / FULL_PROFILE_NORM);
  return norm > 0 ? sims.map((s) => (s / norm) * damp) : sims;
}

/** Length (tf-idf norm) from which a document's profile score counts whole: about the 5th percentile of the training documents (31). */
const FULL_PROFILE_NORM = 30;

/** The best topic score among indicators other than `except`. */
const subjectScore = (scores: number[], except: number[]) => scores.reduce((m, x, j) => (except.includes(j) ? m : Math.max(m, x)), 0);
/** The best topic score among `covers` (a level's topics), other than `except`. */
const coveredScore = (scores: number[], covers: number[], except: number[]) => covers.reduce((m, j) => (except.includes(j) ? m : Math.max(m, scores[j])), 0);

/**
 * The policy indicator's share of a regulation, decree or budget (adds to `raw`). Its topic is the
 * document's best topic plus `policy.spread` of its other topics (a budget recap or a Perda KLA
 * covers many topics at once; a topical regulation has one). A regulation's or decree's topic is
 * a cluster's (`policyTopic`): an SK Gugus Tugas stays with the task force. A budget's may be any
 * indicator's: the DPA lines for Gugus Tugas meetings are the city's budget for KLA (1), not the
 * task force's work (2).
 */
/** What shrinks the policy share: who issued it and its title (regulations and decrees), an appointing title (decrees), who signs it (budgets), the level (all). */
interface PolicyFactors {
  issuer: number;
  appointment: number;
  level: number;
  /** A budget no planning body signs or issues (`policy.budgetSigners`): an office's own. */
  budgetSigner: number;
}

function addPolicy(model: Model, raw: number[], topic: number[], kinds: Record<DocKind, number>, by: PolicyFactors) {
  const cfg = model.config.policy;
  let policyKinds = 0;
  let ruling = 0;
  for (const k of KINDS) {
    const pk = kinds[k] * (cfg.kinds[k] ?? 0);
    policyKinds += pk;
    if (k !== 'budget') ruling += pk * by.issuer * (k === 'decree' ? by.appointment : 1);
  }
  // the share is the same whoever signed the budget: scoreDocument shrinks indicator 1's whole
  // score by the signer once; the weight (how much the document is the city's policy) shrinks here
  const budget = kinds.budget * (cfg.kinds.budget ?? 0);
  const mass = (eligible: (j: number) => boolean) => {
    let top = -1;
    let all = 0;
    topic.forEach((x, j) => {
      if (j === model.policyIndex || !eligible(j)) return;
      all += x;
      if (top < 0 || x > topic[top]) top = j;
    });
    return { top, mass: top < 0 ? 0 : topic[top] + cfg.spread * (all - topic[top]) };
  };
  const clusters = mass((j) => !!model.indicators[j].policyTopic);
  const any = mass(() => true);
  raw[model.policyIndex] += cfg.share * by.level * (ruling * clusters.mass + budget * any.mass);
  // the topic named is the one that gave the share (a budget's may be the task force's), none when it gave nothing
  const from = budget * any.mass > ruling * clusters.mass ? any.top : clusters.top;
  return { policyWeight: (ruling + budget * by.budgetSigner) * by.level, policyKinds, best: from >= 0 && topic[from] > 0 ? from : -1 };
}

export function scoreDocument(model: Model, input: DocumentInput): Scored {
  const cfg = model.config;
  const w = cfg.weights;
  const { tokens, scanned, letterhead } = analyse(model, input);
  const n = model.indicators.length;

  // Kind of document.
  // Title and headings are saturated separately from the body and weigh `kindTitle` times more
  // (the first title line twice that: it says what the document is), so a body or a subtitle
  // that cites a Perda cannot outvote a title that says LAPORAN.
  const kindScore = CUE_KINDS.map(() => 0);
  const part = (t: Token) => (t.zone === 'lead' ? 0 : t.zone === 'title' || t.zone === 'heading' ? 1 : 2);
  const mult = [2 * w.kindTitle, w.kindTitle, 1];
  const kindTf = new Map<number, { e: TermEntry; tf: [number, number, number] }>();
  for (const m of matchTrie(model.kindTrie, tokens)) {
    const t0 = tokens[m.start];
    const where = part(t0);
    let f = where < 2 ? (t0.fuzzy ? w.fuzzy : 1) : Math.min(1, t0.w);
    for (let p = m.start + 1; p < m.start + m.len; p++) f = Math.min(f, where < 2 ? (tokens[p].fuzzy ? w.fuzzy : 1) : Math.min(1, tokens[p].w));
    if (!(f > 0)) continue;
    for (const e of m.entries) {
      let cur = kindTf.get(e.id);
      if (!cur) kindTf.set(e.id, (cur = { e, tf: [0, 0, 0] }));
      cur.tf[where] += f;
    }
  }
  for (const { e, tf } of kindTf.values()) {
    for (let k = 0; k < 3; k++) if (tf[k] > 0) kindScore[e.target] += mult[k] * e.weight * saturate(tf[k], w.saturation);
  }
  const kp = softmax([...kindScore, w.kindOther].map((s) => s / w.kindTemperature));
  const kinds = Object.fromEntries(KINDS.map((k, i) => [k, kp[i]])) as Record<DocKind, number>;

  // Who made it, and at which level (issue 11). When a regulation or decree is signed by the
  // regional head or the DPRD (full policy weight), the camats and lurahs at the end are its
  // recipients: the level is then read from the opening only. A level's indicator (26, 25) takes
  // its words in part in a document that is not that level's own (`levels[].away`).
  const issuer = namedIn(model.issuerTrie, tokens, model.issuers.length);
  const cityIssuer = issuer >= 0 && model.issuers[issuer].policy >= 1;
  const level = writerLevel(model, letterhead, namedIn(model.levelTrie, tokens, model.levels.length, cityIssuer ? OPENING : FRAMING));
  const away = awayFactor(model, level);

  // Topic scores.
  const matches = matchTrie(model.termTrie, tokens);
  const tf = termFrequencies(matches, tokens, (t) => t.w);
  const topic = new Array<number>(n).fill(0);
  const contributions = new Map<number, { display: string; value: number }[]>();
  for (const [e, f] of tf.values()) {
    const v = e.weight * saturate(f, w.saturation) * away(e);
    topic[e.target] += v;
    let list = contributions.get(e.target);
    if (!list) contributions.set(e.target, (list = []));
    list.push({ display: e.display, value: v });
  }

  // Topic scores of each page, from the same matches: a page is scored like a short document.
  const pageTopics: number[][] = [];
  const pageCount = tokens.reduce((m, t) => Math.max(m, t.page ?? 0), 0);
  if (pageCount >= 2) {
    const byPage = new Map<number, Match[]>();
    for (const m of matches) {
      const pg = tokens[m.start].page ?? 0;
      if (pg < 1) continue;
      let list = byPage.get(pg);
      if (!list) byPage.set(pg, (list = []));
      list.push(m);
    }
    for (let pg = 1; pg <= pageCount; pg++) {
      const scores = new Array<number>(n).fill(0);
      for (const [e, f] of termFrequencies(byPage.get(pg) ?? [], tokens, (t) => t.w).values()) scores[e.target] += e.weight * saturate(f, w.saturation) * away(e);
      pageTopics.push(scores);
    }
  }

  // Kind restrictions and the policy indicator: a regulation in the making (a Pansus's minutes on
  // a Ranperda) counts as a regulation there, though its kind stays a report's.
  const ruled = asDrafted(model, tokens, kinds);
  const kindFactor = (j: number) => {
    const ks = model.indicators[j].kinds;
    if (!ks) return 1;
    let pk = 0;
    for (const k of ks) pk += ruled[k];
    return w.kindFloor + (1 - w.kindFloor) * pk;
  };
  const raw = topic.map((s, j) => s * kindFactor(j));
  // Who made it, and at which level (read above): a village's or a kecamatan's document is evidence
  // for that level's indicator, a regulation or decree most of all; and only the city's own
  // regulations, decrees and budgets are its policy (indicator 1), not a Perdes or a camat's
  // decree, nor an agency head's decree (a budget is every agency's, and stays policy).
  const byIssuer = issuer >= 0 ? model.issuers[issuer].policy : 1;
  const byTitle = institutionTitled(model, matches, tokens) ? (cfg.policy.institutionTitle ?? 1) : 1;
  const byAppointment = model.appointments && openingCues(model.appointments.trie, tokens, NAMING, 1)[0] >= 1 ? model.appointments.factor : 1;
  const signed = model.budgetSigners && namedIn(model.budgetSigners.trie, tokens, 1) >= 0;
  const bySigner = model.budgetSigners && !signed ? model.budgetSigners.factor : 1;
  const { policyWeight, policyKinds, best } = addPolicy(model, raw, topic, ruled, {
    issuer: byIssuer * byTitle,
    appointment: byAppointment,
    level: level >= 0 ? model.levels[level].policy : 1,
    budgetSigner: bySigner,
  });
  const partner = partnershipOf(model, tokens);
  if (partner) raw[partner.indicator] += partner.boost * subjectScore(topic, [partner.indicator, model.policyIndex]);
  const at = level >= 0 ? model.levels[level] : null;
  if (at && at.indicator >= 0 && at.boost > 0) {
    const boost = at.boost * (0.6 + 0.4 * Math.min(1, policyKinds));
    raw[at.indicator] += boost * coveredScore(topic, at.covers, [at.indicator, model.policyIndex]);
    // each page of a document the village's or kecamatan's own office made (its profile, its
    // annual report) is about that level's work on the page's topic; a city office that only
    // sits in a kecamatan ("PUSKESMAS KECAMATAN CIPANAS") names no level (single words weigh < 1)
    for (const pt of pageTopics) pt[at.indicator] += at.boost * coveredScore(pt, at.covers, [at.indicator, model.policyIndex]);
  }
  // the profiles are held to the same kinds as the vocabulary (a report on a Perda is not policy)
  const tags = profileTags(model, kinds, level, issuer);
  const sims = profileSimilarity(model, tokens, tags);
  // a village's or kecamatan's own document: that level's profile pulls only as far as the subject
  // is one its questions ask about (a village's disability service is not the village's KLA work)
  if (sims && at && at.indicator >= 0) {
    const except = [at.indicator, model.policyIndex];
    const subject = subjectScore(topic, except);
    if (subject > 0) sims[at.indicator] *= Math.min(1, coveredScore(topic, at.covers, except) / subject);
  }
  if (sims) sims.forEach((x, j) => (raw[j] += model.profiles!.weight * x * kindFactor(j)));
  // a budget no planning body signed is an office's own: not the city's allocation (1.3), however
  // budget-like its words (DPA, pagu, kode rekening) and whatever the profiles learned of budgets.
  raw[model.policyIndex] *= 1 - kinds.budget * (1 - bySigner);
  return { raw, kinds, policyWeight, policyTopic: best, contributions, tokens, scanned, pageTopics, level, issuer, tags };
}

/**
 * The kinds as the policy indicator reads them: when the opening names a regulation in the making
 * (rules `policy.drafting`: "PANSUS RANPERDA ...", "NASKAH AKADEMIK"), mixed with a regulation by
 * the rules' factor; else the kinds as read.
 */
function asDrafted(model: Model, tokens: Token[], kinds: Record<DocKind, number>): Record<DocKind, number> {
  const d = model.drafting;
  if (!d || openingCues(d.trie, tokens, NAMING, 1)[0] < 1) return kinds;
  const mixed = Object.fromEntries(KINDS.map((k) => [k, (1 - d.factor) * kinds[k]])) as Record<DocKind, number>;
  mixed.regulation += d.factor;
  return mixed;
}

/**
 * How much a vocabulary term counts: a level's indicator (26, 25) takes its words at the level's
 * `away` factors when the document is not that level's own: a city office's report on PATBM in
 * every village is 21A's, a village's own PATBM is 26's.
 */
function awayFactor(model: Model, level: number): (e: TermEntry) => number {
  const own = level >= 0 ? model.levels[level].indicator : -1;
  const away = new Map(model.levels.filter((l) => l.indicator >= 0 && l.indicator !== own).map((l) => [l.indicator, l.away]));
  return (e) => {
    const a = away.get(e.target);
    return a ? (e.shared ? a.shared : a.other) : 1;
  };
}

/** What the document was read as, for the profiles: its level, its issuer, its likeliest kind. */
export function profileTags(model: Model, kinds: Record<DocKind, number>, level: number, issuer: number): string[] {
  const tags = [`@kind ${likeliestKind(kinds)}`];
  if (level >= 0) tags.push(`@level ${model.levels[level].level}`);
  if (issuer >= 0) tags.push(`@issuer ${model.issuers[issuer].issuer}`);
  return tags;
}

/** The kind with the highest probability ("other" on a tie with it). */
function likeliestKind(kinds: Record<DocKind, number>): DocKind {
  let kind: DocKind = 'other';
  for (const k of KINDS) if (kinds[k] > kinds[kind]) kind = k;
  return kind;
}

/** Indicator probabilities from raw scores (temperature only). */
export function probabilities(model: Model, raw: number[], t = model.config.calibration.temperature): number[] {
  return softmax(raw.map((r) => r / t));
}

/** Calibrated confidence of a top probability. */
export function calibrate(model: Model, pTop: number): number {
  const c = model.config.calibration;
  return sigmoid(c.slope * logit(pTop) + c.intercept);
}

/**
 * The answer from indicator probabilities: the best indicator and its group (so the answer is
 * always the first line of the ranking). `groupP` holds each group's total probability.
 */
export function choose(model: Model, p: number[]): { group: string; top: number; groupP: Map<string, number> } {
  const inds = model.indicators;
  const groupP = new Map<string, number>(model.groups.map((g) => [g, 0]));
  inds.forEach((ind, j) => groupP.set(ind.group, (groupP.get(ind.group) ?? 0) + p[j]));
  let top = 0;
  p.forEach((x, j) => {
    if (x > p[top]) top = j;
  });
  return { group: inds[top].group, top, groupP };
}

/** Runs of pages that each speak clearly about one indicator (see Classification.pages). */
function pageSpans(model: Model, pageTopics: number[][]): PageSpan[] {
  const spans: PageSpan[] = [];
  const pageT = model.config.calibration.pageTemperature ?? model.config.calibration.temperature;
  pageTopics.forEach((topic, i) => {
    if (topic.reduce((a, b) => a + b, 0) < MIN_PAGE_SIGNAL) return;
    const p = probabilities(model, topic, pageT);
    let top = 0;
    p.forEach((x, j) => {
      if (x > p[top]) top = j;
    });
    if (p[top] < MIN_PAGE_PROBABILITY) return;
    const code = model.indicators[top].code;
    const last = spans.at(-1);
    if (last && last.indicator === code && last.to === i) {
      last.to = i + 1;
      last.score = Math.min(last.score, round(p[top]));
    } else spans.push({ from: i + 1, to: i + 1, indicator: code, score: round(p[top]) });
  });
  return spans.slice(0, MAX_SPANS);
}

/** Classify one document. */
export function classify(model: Model, input: DocumentInput): Classification {
  const s = scoreDocument(model, input);
  const p = probabilities(model, s.raw);
  const inds = model.indicators;

  const { group, top, groupP } = choose(model, p);

  const order = inds.map((_, j) => j).sort((a, b) => p[b] - p[a] || a - b);
  const ranking = order.map((j) => ({ group: inds[j].group, indicator: inds[j].code, score: round(p[j]) }));

  // Evidence: the top indicator's best terms; for a policy document also the kind cues and the topic's terms.
  const ev = [...(s.contributions.get(top) ?? [])];
  if (top === model.policyIndex && s.policyTopic >= 0) ev.push(...(s.contributions.get(s.policyTopic) ?? []).map((c) => ({ ...c, value: c.value * 0.9 })));
  const seen = new Set<string>();
  const evidence = ev
    .sort((a, b) => b.value - a.value)
    .map((c) => c.display)
    .filter((d) => !seen.has(d.toLowerCase()) && seen.add(d.toLowerCase()))
    .slice(0, 8);

  const kind = likeliestKind(s.kinds);

  const questionKeys = questionKeysOf(model, s.tokens);
  const pages = pageSpans(model, s.pageTopics).map((span) => ({ ...span, questionKeys: questionKeysOf(model, s.tokens, span) }));

  return {
    group,
    indicator: inds[top].code,
    confidence: round(calibrate(model, p[top])),
    groupConfidence: round(groupP.get(group) ?? 0),
    kind,
    kinds: Object.fromEntries(KINDS.map((k) => [k, round(s.kinds[k])])) as Record<DocKind, number>,
    ranking,
    evidence,
    policyWeight: round(s.policyWeight),
    policyTopic: s.policyTopic >= 0 ? inds[s.policyTopic].code : null,
    scanned: s.scanned,
    raw: s.raw,
    questionKeys,
    pages,
    level: s.level >= 0 ? model.levels[s.level].level : null,
    issuer: s.issuer >= 0 ? model.issuers[s.issuer].issuer : null,
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** How often each word of the question prompts occurs in the document, or on a run of its pages. */
function questionKeysOf(model: Model, tokens: Token[], on?: { from: number; to: number }): Record<string, number> {
  const keys: Record<string, number> = {};
  for (const t of tokens) {
    if (on && ((t.page ?? 0) < on.from || (t.page ?? 0) > on.to)) continue;
    if (model.questionIdf.has(t.key)) keys[t.key] = (keys[t.key] ?? 0) + 1;
  }
  return keys;
}
