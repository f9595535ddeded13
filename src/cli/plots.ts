import type { Points } from '../data/points.js';
import { writePlots } from '../node/plots.js';
import { type ReportPlotsInput, reportPlots } from '../plot/report.js';
import { scatterSpec } from '../plot/scatter.js';
import type { TrainingHistoryLike } from '../plot/training.js';
import { UsageError } from './errors.js';

/**
 * Writes the report figures for `input` into `dir` (SVG and PNG each) and returns the files written.
 *
 * @throws {UsageError} when the optional renderers (vega, vega-lite, sharp) are not installed.
 */
export async function writeReportPlots(input: ReportPlotsInput, dir: string): Promise<string[]> {
  return missingPeerIsUsage(() => writePlots({ ...reportPlots(input) }, dir));
}

/**
 * The training history in a JSON file of ours: `history.json` of `pointgen fit` (a `History`), or a
 * `report.json` of `pointgen reproduce` (whose `history` lists the epochs).
 *
 * @throws {UsageError} naming `source` when the value holds no list of epochs.
 */
export function historyFromJson(value: unknown, source: string): TrainingHistoryLike {
  if (Array.isArray(value) && value.every(isEpoch)) {
    // JSON has no NaN: an epoch without validation was written as null.
    return { epochs: value.map((r) => ({ epoch: r.epoch, loss: r.loss, valNll: r.valNll ?? Number.NaN })) };
  }
  // A History keeps its epochs in `epochs`; a report.json counts them there and lists them in `history`.
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const inner = [record.epochs, record.history].find(
    (v) => Array.isArray(v) || (v !== null && typeof v === 'object'),
  );
  if (inner !== undefined && !Array.isArray(value)) return historyFromJson(inner, source);
  throw new UsageError(
    `${source}: expected a training history (history.json of 'pointgen fit' or a report.json)`,
  );
}

function isEpoch(r: unknown): r is { epoch: number; loss: number; valNll: number | null } {
  const e = r as { epoch?: unknown; loss?: unknown; valNll?: unknown } | null;
  return (
    typeof e?.epoch === 'number' &&
    typeof e.loss === 'number' &&
    (typeof e.valNll === 'number' || e.valNll === null)
  );
}

/**
 * Draws `generated` beside `real` in one scatter figure (`scatter.svg` and `.png` in `dir`); returns the files
 * written.
 *
 * @throws {UsageError} when the optional renderers (vega, vega-lite, sharp) are not installed.
 */
export async function writeComparisonPlot(
  real: Points,
  generated: Points,
  dir: string,
  title: string,
): Promise<string[]> {
  return missingPeerIsUsage(() => writePlots({ scatter: scatterSpec(real, generated, { title }) }, dir));
}

/** A missing optional renderer is the user's to install: one line, exit 2, not a crash. */
async function missingPeerIsUsage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes('optional peer dependenc')) {
      throw new UsageError(message.replace(/^pointgen\/node: /, 'plots: '), { cause: e });
    }
    throw e;
  }
}
