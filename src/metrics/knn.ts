import type { Matrix } from './validate.js';

const LEAF_SIZE = 12;

/**
 * A k-d tree for exact k-nearest-neighbour queries under the Euclidean distance. Neighbours are ranked by
 * (squared distance, original index), so ties are broken the same way on every run and platform.
 *
 * Exactness: a subtree is skipped only when the squared distance to its bounding box exceeds the current k-th
 * distance. The box distance sums, in the same coordinate order, terms that are each ≤ the corresponding term of
 * any inside point's distance, and float rounding is monotonic, so it never exceeds a computed point distance:
 * the result equals a brute-force scan's, bit for bit.
 */
export class KdTree {
  readonly count: number;
  readonly dim: number;
  /** Points in tree order, row-major. */
  private readonly coords: Float64Array;
  /** Original index of each point in tree order. */
  private readonly ids: Int32Array;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Child node ids (-1 for a leaf). */
  private readonly lefts: number[] = [];
  private readonly rights: number[] = [];
  /** Per node, per dimension: min then max. */
  private boxes: number[] = [];
  private readonly boxArray: Float64Array;
  // Query state, kept on the instance so that queries allocate nothing.
  private query: Float64Array = new Float64Array(0);
  private queryOffset = 0;
  private k = 0;
  private exclude = -1;
  private found = 0;
  private bestIds: Int32Array = new Int32Array(0);
  private bestDist: Float64Array = new Float64Array(0);

  constructor(points: Matrix) {
    const { count, dim } = points;
    this.count = count;
    this.dim = dim;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    this.build(points, order, 0, count);
    this.boxArray = Float64Array.from(this.boxes);
    this.boxes = [];
    this.ids = order;
    this.coords = new Float64Array(count * dim);
    for (let t = 0; t < count; t++) {
      const i = order[t] as number;
      this.coords.set(points.data.subarray(i * dim, (i + 1) * dim), t * dim);
    }
  }

  /**
   * The `k` nearest points to row `offset / dim` of `query` (a row-major array of this tree's dimension),
   * skipping the point whose original index is `exclude` (-1 for none). Writes original indices and squared
   * distances, nearest first, into `outIds` and `outDist` and returns how many were found (fewer than `k` only
   * when the tree holds fewer points).
   */
  nearest(
    query: Float64Array,
    offset: number,
    k: number,
    exclude: number,
    outIds: Int32Array,
    outDist: Float64Array,
  ): number {
    this.query = query;
    this.queryOffset = offset;
    this.k = k;
    this.exclude = exclude;
    this.found = 0;
    this.bestIds = outIds;
    this.bestDist = outDist;
    if (this.count > 0) this.search(0);
    return this.found;
  }

  private build(points: Matrix, order: Int32Array, start: number, end: number): number {
    const { dim, data } = points;
    const node = this.starts.length;
    this.starts.push(start);
    this.ends.push(end);
    this.lefts.push(-1);
    this.rights.push(-1);
    let widest = 0;
    let widestSpread = -1;
    for (let j = 0; j < dim; j++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let t = start; t < end; t++) {
        const v = data[(order[t] as number) * dim + j] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      this.boxes.push(lo, hi);
      if (hi - lo > widestSpread) {
        widestSpread = hi - lo;
        widest = j;
      }
    }
    if (end - start <= LEAF_SIZE || widestSpread === 0) return node;
    const mid = (start + end) >> 1;
    select(order, start, end, mid, (i) => data[i * dim + widest] as number);
    this.lefts[node] = this.build(points, order, start, mid);
    this.rights[node] = this.build(points, order, mid, end);
    return node;
  }

  private search(node: number): void {
    const left = this.lefts[node] as number;
    if (left < 0) {
      this.scanLeaf(node);
      return;
    }
    const right = this.rights[node] as number;
    const dl = this.boxDistance(left);
    const dr = this.boxDistance(right);
    if (dl <= dr) {
      if (this.admits(dl)) this.search(left);
      if (this.admits(dr)) this.search(right);
    } else {
      if (this.admits(dr)) this.search(right);
      if (this.admits(dl)) this.search(left);
    }
  }

  private admits(bound: number): boolean {
    return this.found < this.k || bound <= (this.bestDist[this.k - 1] as number);
  }

  private boxDistance(node: number): number {
    const { dim, query, queryOffset } = this;
    const box = this.boxArray;
    const base = node * 2 * dim;
    let d = 0;
    for (let j = 0; j < dim; j++) {
      const q = query[queryOffset + j] as number;
      const lo = box[base + 2 * j] as number;
      const hi = box[base + 2 * j + 1] as number;
      const gap = q < lo ? lo - q : q > hi ? q - hi : 0;
      d += gap * gap;
    }
    return d;
  }

  private scanLeaf(node: number): void {
    const { dim, query, queryOffset, coords, ids, k } = this;
    const end = this.ends[node] as number;
    for (let t = this.starts[node] as number; t < end; t++) {
      const id = ids[t] as number;
      if (id === this.exclude) continue;
      let d = 0;
      const po = t * dim;
      for (let j = 0; j < dim; j++) {
        const diff = (query[queryOffset + j] as number) - (coords[po + j] as number);
        d += diff * diff;
      }
      if (this.found === k) {
        const worst = this.bestDist[k - 1] as number;
        if (d > worst || (d === worst && id > (this.bestIds[k - 1] as number))) continue;
      }
      this.insert(id, d);
    }
  }

  /** Inserts into the sorted best list, dropping the worst entry when it is full. */
  private insert(id: number, d: number): void {
    const { bestIds, bestDist } = this;
    let p = this.found < this.k ? this.found++ : this.k - 1;
    while (p > 0) {
      const pd = bestDist[p - 1] as number;
      if (pd < d || (pd === d && (bestIds[p - 1] as number) < id)) break;
      bestDist[p] = pd;
      bestIds[p] = bestIds[p - 1] as number;
      p--;
    }
    bestDist[p] = d;
    bestIds[p] = id;
  }
}

/**
 * Reorders `order[start..end)` so that position `nth` holds the element it would hold if sorted by `key`, with
 * smaller-or-equal keys before it and greater-or-equal after (Hoare quickselect, median-of-three pivot).
 */
function select(
  order: Int32Array,
  start: number,
  end: number,
  nth: number,
  key: (i: number) => number,
): void {
  let lo = start;
  let hi = end - 1;
  while (hi > lo) {
    const a = key(order[lo] as number);
    const b = key(order[(lo + hi) >> 1] as number);
    const c = key(order[hi] as number);
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(order[i] as number) < pivot) i++;
      while (key(order[j] as number) > pivot) j--;
      if (i <= j) {
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
