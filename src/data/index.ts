export { csvChunks, formatCsv, type ParseCsvOptions, parseCsv } from './csv.js';
export { type ImagePointsOptions, pointsFromImage, type RgbImage } from './image.js';
export { formatJson, type ParseJsonOptions, parseJson } from './json.js';
export {
  DEFAULT_LATTICE_STEPS,
  type DetectLatticeOptions,
  dequantize,
  detectLattice,
  detectStep,
  formatStep,
  isOnLattice,
  type LatticeSteps,
  MAX_LATTICE_DIVISOR,
  snapToLattice,
} from './lattice.js';
export { type FormatNpyOptions, formatNpy, type NpyArray, npyToPoints, parseNpy } from './npy.js';
export {
  isPoints,
  POINT_COLUMNS,
  POINT_DIM,
  type Points,
  type PointsLike,
  selectColumns,
  selectRows,
  type Tensor2DLike,
  type ToPointsOptions,
  toPoints,
  toRows,
} from './points.js';
export { Rng, type RngLike, toRng } from './rng.js';
export {
  type FitScalerOptions,
  resolveScaler,
  SCALE_MARGIN,
  type ScaleBox,
  type ScaleOption,
  Scaler,
} from './scaler.js';
export { protocolSplit, randomSplit, type Split } from './split.js';
