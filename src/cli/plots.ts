import type { Points } from '../data/points.js';
import type { EpochRecord } from '../train/history.js';
import { UsageError } from './errors.js';

/** A training history as the plots take it: `fit`'s `History`, or anything with its `epochs`. */
export interface HistoryLike {
  readonly epochs: readonly Pick<EpochRecord, 'epoch' | 'loss' | 'valNll'>[];
}

/** What the report plots show: real points, generated ones, and the training curve when there is one. */
export interface PlotInput {
  readonly real: Points;
  readonly generated: Points;
  readonly history?: HistoryLike;
  readonly label?: string;
}

/**
 * Writes the report plots for `input` into `dir` and returns the files written (none while the plots module
 * is not part of the library).
 */
export async function writeReportPlots(_input: PlotInput, _dir: string): Promise<string[]> {
  return [];
}

/**
 * The training history in a JSON file of ours: `history.json` of `pointgen fit` (a `History`), or a
 * `report.json` of `pointgen reproduce` (whose `history` lists the epochs).
 *
 * @throws {UsageError} naming `source` when the value holds no list of epochs.
 */
export function historyFromJson(value: unknown, source: string): HistoryLike {
  const epochs = Array.isArray(value)
    ? value
    : ((value as { epochs?: unknown } | null)?.epochs ?? (value as { history?: unknown } | null)?.history);
  if (Array.isArray(epochs) && epochs.every(isEpoch)) {
    // JSON has no NaN: an epoch without validation was written as null.
    return { epochs: epochs.map((r) => ({ epoch: r.epoch, loss: r.loss, valNll: r.valNll ?? Number.NaN })) };
  }
  if (epochs && typeof epochs === 'object' && !Array.isArray(epochs)) return historyFromJson(epochs, source);
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
 * written (none while the plots module is not part of the library).
 */
export async function writeComparisonPlot(
  _real: Points,
  _generated: Points,
  _dir: string,
  _label: string,
): Promise<string[]> {
  return [];
}
