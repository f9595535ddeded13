import type { Points } from 'pointgen';

/** What a redraw put on the canvas, for the metrics panel and the browser test. */
export interface ScatterStats {
  readonly count: number;
  /** Points whose five values are all finite. */
  readonly finite: number;
  /** Points whose dot lies inside the plot area. */
  readonly inside: number;
}

const MARGIN = 8;
const DOT = 2;

/**
 * Draws points as dots in their own colours. Points follow the image convention (`x` is the row, top to
 * bottom; `y` the column), so the π stands upright.
 */
export function drawScatter(canvas: HTMLCanvasElement, points: Points | undefined): ScatterStats {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas: no 2d context');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  if (!points) return { count: 0, finite: 0, inside: 0 };

  const span = Math.min(width, height) - 2 * MARGIN;
  const { data, count, dim } = points;
  let finite = 0;
  let inside = 0;
  for (let i = 0; i < count; i++) {
    const row = data.subarray(i * dim, i * dim + dim);
    if (!row.every(Number.isFinite)) continue;
    finite++;
    const [x = 0, y = 0, r = 0, g = 0, b = 0] = row;
    const left = MARGIN + y * span;
    const top = MARGIN + x * span;
    if (left >= 0 && top >= 0 && left + DOT <= width && top + DOT <= height) inside++;
    context.fillStyle = `rgb(${channel(r)},${channel(g)},${channel(b)})`;
    context.fillRect(left, top, DOT, DOT);
  }
  return { count, finite, inside };
}

function channel(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 255);
}
