// Edit distance for forgiving name search: optimal string alignment (Levenshtein plus swapped
// neighbours), so "Scraftoft" is one edit from "Scraptoft" and "Kibowrth" one from "Kibworth".

// Three rolling rows (two back for a swap), reused across calls: the search runs this over many names per query.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [0, 1, 2].map(() => new Int32Array(cols * 2));
  let [twoBack, prev, cur] = rows;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = Infinity; // column 0 left out, as the search's thresholds have always been tuned
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, twoBack[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [twoBack, prev, cur] = [prev, cur, twoBack];
  }
  return prev[b.length];
}

/** How many edits a query of this length may be away and still count as a match. */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : length < 14 ? 2 : 3;
}
