/** Average ranks (ties share the mean rank), as R's `rank(ties.method = "average")`, plus the tie correction Σ(t³ − t). */
export function averageRanks(values: ArrayLike<number>): { ranks: Float64Array; ties: number } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    const t = j - i + 1;
    ties += t * t * t - t;
    i = j + 1;
  }
  return { ranks, ties };
}
