/**
 * The pseudo-locale (en-XA): every English text accented and made about 40% longer, its
 * placeholders left intact, and bracketed so that a cut-off end shows. Layout tests run
 * the app in it to find text that overflows or is clipped, and texts that do not come from
 * the catalogue (they stay plain English). Never offered to people.
 */
import { en, type MessageKey } from './en';
import type { Translation } from './types';

const ACCENTED: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ĺ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** One text in the pseudo-locale: `Join {title}` → `[Ĵöíñ·· {title}]`. */
export function pseudoText(text: string): string {
  let letters = 0;
  // Placeholders are kept whole; everything else is accented letter by letter.
  const out = text.replace(/\{\w+\}|[^{]+|\{/g, (part) => {
    if (/^\{\w+\}$/.test(part)) return part;
    return part.replace(/[A-Za-z]/g, (c) => {
      letters += 1;
      return ACCENTED[c] ?? c;
    });
  });
  if (letters === 0) return text;
  // About 40% longer, as German or Finnish often are: a single word grows longer (a compound
  // noun), a sentence gains words (so it can still wrap where the language would).
  const extra = Math.max(2, Math.round(text.length * 0.4));
  if (!/\s/.test(text.trim())) return `[${out}${'·'.repeat(extra)}]`;
  const words: string[] = [];
  for (let left = extra; left > 0; left -= 7) words.push('·'.repeat(Math.min(6, left)));
  return `[${out} ${words.join(' ')}]`;
}

export function pseudoCatalogue(): Translation {
  const messages: Record<string, string> = {};
  for (const key of Object.keys(en) as MessageKey[]) messages[key] = pseudoText(en[key]);
  return messages;
}
