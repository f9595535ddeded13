// The outline of the π, drawn on the 300×300 canvas of the quiz image: a vertex is `[row, column]` in pixels,
// rows running top to bottom (the `x` of a point is `row / 300`, its `y` is `column / 300`).

type Vertex = readonly [row: number, column: number];

/** A closed outline with its bounding box, precomputed so that most candidates skip the edge loop. */
interface Part {
  readonly rows: Float64Array;
  readonly cols: Float64Array;
  readonly minRow: number;
  readonly maxRow: number;
  readonly minCol: number;
  readonly maxCol: number;
}

// The bar: a drooping hook on the left, a flat top, and a right end that sweeps up into a flame-like tip.
const BAR: readonly Vertex[] = [
  [125, 40],
  [110, 38],
  [94, 41],
  [80, 47],
  [67, 55],
  [58, 64],
  [52, 78],
  [51, 130],
  [50, 190],
  [47, 212],
  [44, 228],
  [36, 240],
  [29, 248],
  [23, 255],
  [30, 257],
  [44, 257],
  [58, 252],
  [72, 244],
  [82, 233],
  [89, 222],
  [93, 210],
  [96, 180],
  [97, 120],
  [98, 70],
  [102, 62],
  [112, 54],
  [124, 45],
];

// The left leg: straight under the bar, then bending left into a heavy, rounded foot.
const LEFT_LEG: readonly Vertex[] = [
  [92, 92],
  [150, 91],
  [172, 88],
  [185, 82],
  [200, 74],
  [212, 66],
  [225, 61],
  [240, 55],
  [255, 55],
  [266, 59],
  [273, 68],
  [276, 80],
  [274, 92],
  [264, 101],
  [248, 105],
  [230, 108],
  [210, 111],
  [190, 112],
  [170, 116],
  [130, 117],
  [92, 120],
];

// The right leg: straight, then curling right at the bottom into a tail that rises to a point.
const RIGHT_LEG: readonly Vertex[] = [
  [92, 163],
  [140, 160],
  [150, 157],
  [200, 154],
  [225, 156],
  [245, 160],
  [262, 166],
  [270, 176],
  [275, 195],
  [274, 212],
  [266, 226],
  [255, 236],
  [240, 243],
  [225, 249],
  [212, 252],
  [213, 243],
  [222, 234],
  [230, 224],
  [233, 212],
  [230, 200],
  [218, 190],
  [200, 186],
  [170, 187],
  [140, 191],
  [92, 196],
];

const PARTS: readonly Part[] = [BAR, LEFT_LEG, RIGHT_LEG].map(toPart);

/**
 * Width of the fuzzy rim, in pixels: the quiz glyph has ragged edges, so the probability of keeping a point
 * falls from 1 to 0 over this band rather than at a hard outline.
 */
const RIM = 3;

/** The leg shafts (rows between the bar and the feet) carry this share of the full ink density. */
const SHAFT_INK = 0.75;
const SHAFT_TOP = 95;
const SHAFT_BOTTOM = 190;
/** Rows over which the ink fades between the full and the shaft density, at each end of the shafts. */
const SHAFT_RAMP = 40;

/**
 * The glyph rasterised on the pixel grid: `weight[(row - minRow) * cols + (col - minCol)]` is the probability
 * of keeping a point drawn at that pixel. Pixels outside the box all have weight 0.
 */
export interface GlyphRaster {
  readonly minRow: number;
  readonly minCol: number;
  readonly rows: number;
  readonly cols: number;
  readonly weight: Float32Array;
}

let raster: GlyphRaster | undefined;

/**
 * The glyph's {@link GlyphRaster}, computed on first use (about 60 000 pixels against the outlines, tens of
 * milliseconds) and shared afterwards, so that drawing points is a table look-up per candidate.
 */
export function glyphRaster(): GlyphRaster {
  if (raster) return raster;
  const minRow = Math.max(0, Math.floor(Math.min(...PARTS.map((p) => p.minRow)) - RIM));
  const maxRow = Math.min(299, Math.ceil(Math.max(...PARTS.map((p) => p.maxRow)) + RIM));
  const minCol = Math.max(0, Math.floor(Math.min(...PARTS.map((p) => p.minCol)) - RIM));
  const maxCol = Math.min(299, Math.ceil(Math.max(...PARTS.map((p) => p.maxCol)) + RIM));
  const rows = maxRow - minRow + 1;
  const cols = maxCol - minCol + 1;
  const weight = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) weight[i * cols + j] = coverage(minRow + i, minCol + j) * ink(minRow + i);
  }
  raster = { minRow, minCol, rows, cols, weight };
  return raster;
}

/** 1 well inside the outlines, 0 well outside, a linear ramp across the rim. */
function coverage(row: number, col: number): number {
  let best = -Infinity;
  for (const part of PARTS) {
    if (
      row < part.minRow - RIM ||
      row > part.maxRow + RIM ||
      col < part.minCol - RIM ||
      col > part.maxCol + RIM
    ) {
      continue;
    }
    best = Math.max(best, signedDistance(part, row, col));
  }
  return Math.min(1, Math.max(0, (best + RIM) / (2 * RIM)));
}

/**
 * How heavily the glyph is inked at a given row, relative to the heaviest: the quiz glyph is lighter on the
 * shafts of the legs than on the bar and the feet (about 3 dots to 4).
 */
function ink(row: number): number {
  if (row <= SHAFT_TOP || row >= SHAFT_BOTTOM + SHAFT_RAMP) return 1;
  if (row < SHAFT_TOP + SHAFT_RAMP) return 1 - ((1 - SHAFT_INK) * (row - SHAFT_TOP)) / SHAFT_RAMP;
  if (row <= SHAFT_BOTTOM) return SHAFT_INK;
  return SHAFT_INK + ((1 - SHAFT_INK) * (row - SHAFT_BOTTOM)) / SHAFT_RAMP;
}

/** Distance from `(row, col)` to the outline of `part`, positive inside and negative outside. */
function signedDistance(part: Part, row: number, col: number): number {
  const { rows, cols } = part;
  const n = rows.length;
  let minSq = Infinity;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const r0 = rows[j] as number;
    const c0 = cols[j] as number;
    const r1 = rows[i] as number;
    const c1 = cols[i] as number;
    const dr = r1 - r0;
    const dc = c1 - c0;
    const t = Math.min(1, Math.max(0, ((row - r0) * dr + (col - c0) * dc) / (dr * dr + dc * dc)));
    const er = row - (r0 + t * dr);
    const ec = col - (c0 + t * dc);
    minSq = Math.min(minSq, er * er + ec * ec);
    // Even-odd rule along the row direction.
    if (c1 > col !== c0 > col && row < r0 + ((col - c0) * dr) / dc) inside = !inside;
  }
  const d = Math.sqrt(minSq);
  return inside ? d : -d;
}

function toPart(outline: readonly Vertex[]): Part {
  const rows = Float64Array.from(outline, (v) => v[0]);
  const cols = Float64Array.from(outline, (v) => v[1]);
  return {
    rows,
    cols,
    minRow: Math.min(...rows),
    maxRow: Math.max(...rows),
    minCol: Math.min(...cols),
    maxCol: Math.max(...cols),
  };
}
