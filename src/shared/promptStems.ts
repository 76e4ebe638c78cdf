/**
 * Questions that open with the same long words ("Di luar Perda KLA, daerah sudah punya
 * regulasi/kebijakan tentang …", 1.2a-1.2s) differ only at their end, which a row cut to two
 * lines hides. In a list, a question that shares such an opening with the row above it shows
 * "… tentang <what differs>"; the first row of the run shows the whole question, so the opening
 * is read once.
 */
const MIN_WORDS = 5;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

function sharedWords(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * For each prompt in list order, the text a row shows. Rows next to each other whose prompts
 * open with the same five words or more form a run; its opening is the words all of them share.
 * The run's first row shows the whole prompt, the others "… " + the opening's last word + what
 * follows (when at least two words follow).
 */
export function rowPrompts(prompts: string[], firstWhole = true): string[] {
  const split = prompts.map(words);
  const shown = [...prompts];
  let start = 0;
  for (let i = 1; i <= split.length; i++) {
    if (i < split.length && sharedWords(split[i - 1], split[i]) >= MIN_WORDS) continue;
    // rows start..i-1 are one run
    let opening = Infinity;
    for (let j = start + 1; j < i; j++) opening = Math.min(opening, sharedWords(split[j - 1], split[j]));
    const from = firstWhole || i - start < 2 ? start + 1 : start;
    for (let j = from; j < i; j++) if (split[j].length - opening >= 2) shown[j] = `… ${split[j].slice(opening - 1).join(' ')}`;
    start = i;
  }
  return shown;
}

/**
 * Each question's words as a one-line mention reads them (a suggestion in Bukti's row, an option
 * of the bulk review): within its indicator, what sets it apart from the questions that open
 * with the same long words, the run's first one too ("… tentang pencegahan perkawinan anak").
 */
export function distinctPrompts(indicators: { questions: { code: string }[] }[], promptOf: (code: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const ind of indicators) {
    const codes = ind.questions.map((q) => q.code);
    rowPrompts(codes.map(promptOf), false).forEach((text, i) => out.set(codes[i], text));
  }
  return out;
}
