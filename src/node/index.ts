/**
 * Node-only helpers of pointgen (file system access, JPEG decoding through `sharp`). Import from
 * `pointgen/node`; browser bundles never load this entry.
 *
 * @packageDocumentation
 */
export { decodeImage } from './decode-image.js';
export {
  type PointsFileFormat,
  pointsFileFormat,
  type ReadPointsOptions,
  readPoints,
  type WritePointsOptions,
  writePoints,
} from './files.js';
export { loadPiQuiz, PI_QUIZ_FILES } from './pi-quiz.js';
export { plotToSvg, type RenderPlotOptions, renderPlot, writePlots } from './plots.js';
