/**
 * Figures of pointgen as [Vega-Lite](https://vega.github.io/vega-lite/) specifications: plain JSON, built by
 * pure functions that load neither TensorFlow.js nor Vega. Render them to SVG and PNG with `renderPlot` and
 * `writePlots` from `pointgen/node`, or open them in the Vega editor or a notebook. Import from
 * `pointgen/plot`.
 *
 * @packageDocumentation
 */
export { type HistogramsOptions, histogramsSpec } from './histograms.js';
export { pointsImageSpec } from './image.js';
export { fitPca, type PcaModel, projectPca } from './pca.js';
export { pcaSpec } from './pca-plot.js';
export { type ReportPlots, type ReportPlotsInput, reportPlots } from './report.js';
export { type ScatterOptions, scatterSpec } from './scatter.js';
export { DEFAULT_MAX_POINTS, type PlotOptions, SET_COLORS, type VegaLiteSpec } from './spec.js';
export { type TrainingCurvesOptions, type TrainingHistoryLike, trainingCurvesSpec } from './training.js';
