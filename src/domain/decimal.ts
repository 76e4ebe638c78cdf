/**
 * Exact decimal arithmetic for points. Scores are sums of many fractional weights (0.25, 0.5, 1.75 ...);
 * binary floating point drifts (0.1 + 0.2 = 0.30000000000000004), so every sum goes through big.js
 * (small, well-kept, exact for decimal inputs) and is turned back into a number only at the edge.
 */
import Big from 'big.js';

export type Decimal = Big;
export const dec = (n: number | string | Big): Big => new Big(n);
export const ZERO = new Big(0);

export function sum(values: Iterable<number | string | Big>): Big {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Back to a JS number for output; exact for values with a short decimal expansion. */
export const toNumber = (b: Big): number => Number(b.toString());

export const minDec = (a: Big, b: Big): Big => (a.lte(b) ? a : b);
