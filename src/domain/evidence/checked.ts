import type { EvidenceLink } from '../model';

/**
 * The questions whose every link was made from the app's suggestions and not checked since
 * (EvidenceLink.suggested): their evidence is not in hand until the officer has looked at it
 * (the eighth walk's printed week list said "bukti ada" of 3,887 links made at once).
 */
export function uncheckedQuestions(links: readonly Pick<EvidenceLink, 'code' | 'suggested'>[]): Set<string> {
  const checked = new Set<string>();
  const suggested = new Set<string>();
  for (const l of links) (l.suggested ? suggested : checked).add(l.code);
  for (const c of checked) suggested.delete(c);
  return suggested;
}
