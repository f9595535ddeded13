export { formatCsv, type ParseCsvOptions, parseCsv } from './csv.js';
export { pointsFromImage, type RgbImage } from './image.js';
export { formatJson, type ParseJsonOptions, parseJson } from './json.js';
export { DEFAULT_LATTICE_STEPS, dequantize, isOnLattice } from './lattice.js';
export { type FormatNpyOptions, formatNpy, type NpyArray, npyToPoints, parseNpy } from './npy.js';
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
