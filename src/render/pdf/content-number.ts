/**
 * Numbers and colours as the content streams write them: rounded to thousandths and
 * printed as JavaScript prints them (`String(Math.round(v * 1000) / 1000)`: no trailing
 * zeros, `-0` as `0`), but without V8's double-to-string, which a book's every glyph
 * run paid for its coordinates.
 */

/** Thousandths as printed after the units: '', `.001` … `.999`, trailing zeros dropped. */
const FRACTIONS = Array.from({ length: 1000 }, (_, thousandths) => (thousandths === 0 ? '' : `.${String(thousandths).padStart(3, '0')}`.replace(/0+$/, '')));

/** Beyond this many thousandths, the plain conversion (a page never gets there). */
const FAST_LIMIT = 1e12;

/**
 * `value` rounded to thousandths, printed. Below `FAST_LIMIT` the decimal digits of
 * `thousandths / 1000` are exactly what String() prints: any other decimal that short
 * is at least 0.001 away, far more than the double's precision there.
 */
export function num(value: number): string {
  const thousandths = Math.round(value * 1000);
  if (!(thousandths > -FAST_LIMIT && thousandths < FAST_LIMIT)) return `${thousandths / 1000}`;
  if (thousandths === 0) return '0';
  const magnitude = thousandths < 0 ? -thousandths : thousandths;
  const whole = Math.floor(magnitude / 1000);
  const text = `${whole}${FRACTIONS[magnitude - whole * 1000] ?? ''}`;
  return thousandths < 0 ? `-${text}` : text;
}

const colours = new Map<string, string>();

/** `#rrggbb` as the three components of an `rg`/`RG` operator. */
export function rgb(hex: string): string {
  let components = colours.get(hex);
  if (components === undefined) {
    const value = parseInt(hex.slice(1), 16);
    components = `${num(((value >> 16) & 255) / 255)} ${num(((value >> 8) & 255) / 255)} ${num((value & 255) / 255)}`;
    colours.set(hex, components);
  }
  return components;
}
