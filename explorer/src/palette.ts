// Colours that stay apart for colour-blind readers (Okabe-Ito, then Tableau's extras) and a
// sequential ramp for heat maps and choropleths, all with AA contrast against white text or
// the dark text chosen by `textOn`.

export const CATEGORICAL = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#8C6D31',
  '#7F7F7F',
  '#B279A2',
  '#4E79A7',
  '#59A14F',
  '#E15759',
];

/** A colour per category; categories past the palette share grey. */
export function categoryColour(index: number): string {
  return CATEGORICAL[index] ?? '#9A9A9A';
}

const RAMP = [
  '#f7fbff',
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
];

/** A blue ramp from 0 (lightest) to 1 (darkest). */
export function rampColour(share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  return RAMP[Math.round(clamped * (RAMP.length - 1))]!;
}

/** Black or white text, whichever contrasts more with `background` (#rrggbb). */
export function textOn(background: string): string {
  const channel = (offset: number) => {
    const value = parseInt(background.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? '#111111' : '#ffffff';
}
