/**
 * A tolerant palette: classifies any shading colour into red, amber (incl. yellow and orange), green or
 * blue by hue and saturation, so the many reds and greens real plans use all read as the right rating.
 */
export type ColourFamily = 'red' | 'amber' | 'green' | 'blue';

/** Word's w:highlight names as hex. */
const HIGHLIGHTS: Record<string, string> = {
  red: 'FF0000',
  darkRed: '800000',
  yellow: 'FFFF00',
  darkYellow: '808000',
  green: '00FF00',
  darkGreen: '008000',
  blue: '0000FF',
  darkBlue: '000080',
  cyan: '00FFFF',
};

/** Hex for a w:highlight value, or null. */
export function highlightHex(name: string): string | null {
  return HIGHLIGHTS[name] ?? null;
}

/** Normalises "#ff0000" / "FFFF0000" (ARGB) / "ff0000" to "FF0000"; null for anything else ("auto"). */
export function normaliseHex(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().replace(/^#/, '');
  if (/^[0-9a-fA-F]{8}$/.test(v)) return v.slice(2).toUpperCase();
  if (/^[0-9a-fA-F]{6}$/.test(v)) return v.toUpperCase();
  return null;
}

/** Hue (0-360), saturation and lightness (0-1) of a hex colour. */
export function hsl(hex: string): { h: number; s: number; l: number } {
  const n = parseInt(hex, 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  return { h, s, l };
}

/**
 * The rating family of a fill, or null for white, greys, black and colours outside the palette (pink,
 * purple). Reds: hue < 20 or > 330; ambers/yellows/oranges: 20-65; greens: 65-165; blues: 165-260.
 */
export function colourFamily(hex: string | null): ColourFamily | null {
  const h6 = normaliseHex(hex);
  if (!h6) return null;
  const { h, s, l } = hsl(h6);
  if (s < 0.25 || l < 0.08 || l > 0.94) return null;
  if (h < 20 || h >= 330) return 'red';
  if (h < 65) return 'amber';
  if (h < 165) return 'green';
  if (h < 260) return 'blue';
  return null;
}

/** The family a rating word names: RED / R, AMBER / A / YELLOW / ORANGE, GREEN / G, BLUE / B / COMPLETED. */
export function wordFamily(text: string): ColourFamily | null {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/[.\s]+$/, '');
  if (/^(R|RED)$/.test(t)) return 'red';
  if (/^(A|AMBER|Y|YELLOW|ORANGE)$/.test(t)) return 'amber';
  if (/^(G|GREEN)$/.test(t)) return 'green';
  if (/^(B|BLUE|COMPLETED?|DONE)$/.test(t)) return 'blue';
  return null;
}
