/** How each variant is drawn, the same in every chart and table of a comparison: a colour and a dash pattern (so it reads without colour). */
export const VARIANT_STYLES: ReadonlyArray<{ colour: string; dash: string; label: string }> = [
  { colour: '#1b1d2a', dash: '', label: 'solid' },
  { colour: '#7652f5', dash: '7 4', label: 'dashed' },
  { colour: '#c25e00', dash: '2 3', label: 'dotted' },
  { colour: '#1a7f4b', dash: '9 3 2 3', label: 'dash-dot' },
];

export const styleOf = (i: number) => VARIANT_STYLES[i % VARIANT_STYLES.length]!;
