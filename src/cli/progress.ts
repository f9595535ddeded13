import type { EpochRecord } from '../train/history.js';
import type { CliIo } from './io.js';

/** One epoch's figures as shown on the progress line. */
export interface ProgressState {
  readonly label: string;
  readonly epoch: number;
  readonly totalEpochs: number;
  readonly loss: number;
  /** Validation NLL (`NaN` when the model holds nothing out). */
  readonly valNll: number;
  /** The test-split NLL, when the caller scores it. */
  readonly testNll?: number;
  /** Training seconds so far. */
  readonly seconds: number;
}

/** The progress line: `label  epoch 12/100  loss -6.812  val -7.011  ETA 1m40s`. */
export function formatProgress(s: ProgressState): string {
  const eta = s.epoch > 0 ? (s.seconds / s.epoch) * (s.totalEpochs - s.epoch) : Number.NaN;
  const parts = [
    s.label,
    `epoch ${String(s.epoch).padStart(String(s.totalEpochs).length)}/${s.totalEpochs}`,
    `loss ${s.loss.toFixed(3)}`,
    `val ${Number.isFinite(s.valNll) ? s.valNll.toFixed(3) : '–'}`,
  ];
  if (s.testNll !== undefined) parts.push(`test ${s.testNll.toFixed(3)}`);
  parts.push(`ETA ${formatDuration(eta)}`);
  return parts.join('  ');
}

/** Seconds as `42s`, `3m05s` or `1h02m`; `–` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** `1 epoch`, `20 epochs`. */
export function epochsText(n: number): string {
  return `${n} epoch${n === 1 ? '' : 's'}`;
}

/** Reports training epochs on stderr. */
export interface Progress {
  epoch(record: EpochRecord, testNll?: number): void;
  /** Ends the redrawn line (a no-op for plain lines). */
  done(): void;
}

/**
 * A progress reporter: on a terminal one line redrawn in place with `\r`; otherwise (a pipe, a log, CI) plain
 * lines for the first epoch, every tenth and the last, so that logs stay short.
 */
export function progress(io: CliIo, label: string, totalEpochs: number): Progress {
  let open = false;
  return {
    epoch(r, testNll) {
      const line = formatProgress({
        label,
        totalEpochs,
        ...r,
        ...(testNll === undefined ? {} : { testNll }),
      });
      if (io.interactive) {
        io.stderr(`\r${line}\x1b[K`);
        open = true;
      } else if (r.epoch === 1 || r.epoch % 10 === 0 || r.epoch === totalEpochs) {
        io.stderr(`${line}\n`);
      }
    },
    done() {
      if (open) io.stderr('\n');
      open = false;
    },
  };
}
