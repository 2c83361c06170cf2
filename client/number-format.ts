// Numbers as the atlas writes them (en-GB), with at most so many decimals: one Intl.NumberFormat per
// number of decimals, made on first use. Number#toLocaleString with options builds a new formatter on
// every call (V8 caches only the bare call): 20× slower, and the legend, tooltips and table call it per area.
const formats = new Map<number, Intl.NumberFormat>();

export function formatDecimals(x: number, maximumFractionDigits: number): string {
  let f = formats.get(maximumFractionDigits);
  if (!f) formats.set(maximumFractionDigits, (f = new Intl.NumberFormat('en-GB', { maximumFractionDigits })));
  return f.format(x);
}
