// The colour field of the π: a smooth blend of a few anchor colours pinned to places on the glyph, in the
// same `[row, column]` pixel frame as the outline, with 8-bit channel values.

type Anchor = readonly [row: number, column: number, r: number, g: number, b: number];

const ANCHORS: readonly Anchor[] = [
  [68, 48, 213, 210, 220], // near-white lavender: the bar's hooked left end
  [70, 140, 194, 217, 224], // pale grey-blue: the middle of the bar
  [35, 245, 138, 196, 189], // cyan: the upswept tip of the bar
  [82, 220, 135, 170, 194], // steel blue: under the tip
  [115, 105, 169, 159, 188], // lilac grey: the top of the left leg
  [185, 100, 149, 133, 173], // dusty lilac: half-way down the left leg
  [255, 75, 130, 82, 152], // magenta violet: the left foot
  [115, 175, 130, 138, 163], // slate: the top of the right leg
  [190, 172, 118, 115, 157], // grey violet: half-way down the right leg
  [255, 205, 76, 53, 131], // deep violet: the curl of the right leg
  [222, 245, 66, 76, 128], // indigo: the rising end of the curl
];

/** How far an anchor's colour reaches, in pixels: wide enough that the blend has no visible seams. */
const REACH = 35;

/**
 * Writes the field's colour at pixel `(row, col)` into `out[0..2]`, as channel values in [0, 255]: a
 * Gaussian-weighted mean of the anchor colours, so it varies smoothly everywhere.
 */
export function fieldColor(row: number, col: number, out: Float64Array): void {
  let w = 0;
  let r = 0;
  let g = 0;
  let b = 0;
  for (const [ar, ac, cr, cg, cb] of ANCHORS) {
    const k = Math.exp(-((row - ar) ** 2 + (col - ac) ** 2) / (2 * REACH * REACH));
    w += k;
    r += k * cr;
    g += k * cg;
    b += k * cb;
  }
  out[0] = r / w;
  out[1] = g / w;
  out[2] = b / w;
}
