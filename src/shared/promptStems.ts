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
export function rowPrompts(prompts: string[]): string[] {
  const split = prompts.map(words);
  const shown = [...prompts];
  let start = 0;
  for (let i = 1; i <= split.length; i++) {
    if (i < split.length && sharedWords(split[i - 1], split[i]) >= MIN_WORDS) continue;
    // rows start..i-1 are one run
    let opening = Infinity;
    for (let j = start + 1; j < i; j++) opening = Math.min(opening, sharedWords(split[j - 1], split[j]));
    for (let j = start + 1; j < i; j++) if (split[j].length - opening >= 2) shown[j] = `… ${split[j].slice(opening - 1).join(' ')}`;
    start = i;
  }
  return shown;
}
