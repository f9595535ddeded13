export { DEFAULT_LATTICE_STEPS, dequantize } from './dequantize.js';
export {
  isPoints,
  POINT_COLUMNS,
  POINT_DIM,
  type Points,
  type PointsLike,
  selectRows,
  type Tensor2DLike,
  type ToPointsOptions,
  toPoints,
  toRows,
} from './points.js';
export { Rng, type RngLike, toRng } from './rng.js';
export { protocolSplit, randomSplit, type Split } from './split.js';
