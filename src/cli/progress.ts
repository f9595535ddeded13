import type { EpochRecord, History } from '../train/history.js';
import type { BatchEndInfo } from '../train/options.js';
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

/** The progress line: `LABEL  epoch E/N  loss L  val V  [test T]  ETA D` (three decimals, `–` for no validation). */
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

/** Reports training on stderr. */
export interface Progress {
  epoch(record: EpochRecord, testNll?: number): void;
  /** After each optimiser step: a plain-line reporter writes a line when none came for a while. */
  step(info: BatchEndInfo): void;
  /** Ends the redrawn line, writes the final epoch if it was not shown, and says why training stopped. */
  done(history?: History): void;
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** The clock, in seconds (default: `performance.now() / 1000`). */
  readonly now?: () => number;
  /** The longest silence of plain lines, in seconds (default 30). */
  readonly maxSilence?: number;
}

const STOP_TEXT: Record<string, (h: History) => string> = {
  epochs: (h) => `all ${epochsText(h.epochs.length)} done`,
  'early-stopping': (h) =>
    `early stop: no better validation NLL since epoch ${h.bestEpoch} (${h.bestValNll.toFixed(3)}), whose weights are kept`,
  aborted: (h) => `aborted after ${epochsText(h.epochs.length)}`,
  steps: (h) => `step budget reached: ${h.steps} steps in ${epochsText(h.epochs.length)}`,
  'time-budget': (h) => `time budget reached after ${epochsText(h.epochs.length)}`,
};

/**
 * A progress reporter: on a terminal one line redrawn in place with `\r`; otherwise (a pipe, a log, CI) plain
 * lines at a steady pace: the first epoch, about every tenth of the run, the last, and a line after any
 * `maxSilence` seconds without one (from within an epoch if need be), so that a log shows life without
 * growing long. At the end it says why training stopped.
 */
export function progress(
  io: CliIo,
  label: string,
  totalEpochs: number,
  options: ProgressOptions = {},
): Progress {
  const now = options.now ?? (() => performance.now() / 1000);
  const maxSilence = options.maxSilence ?? 30;
  const every = Math.max(1, Math.round(totalEpochs / 10));
  let open = false;
  let lastLine = now();
  let last: { line: string; epoch: number } | null = null;
  let printedEpoch = 0;
  const write = (line: string) => {
    io.stderr(`${line}\n`);
    lastLine = now();
  };
  return {
    epoch(r, testNll) {
      const line = formatProgress({
        label,
        totalEpochs,
        ...r,
        ...(testNll === undefined ? {} : { testNll }),
      });
      last = { line, epoch: r.epoch };
      if (io.interactive) {
        io.stderr(`\r${line}\x1b[K`);
        open = true;
      } else if (
        r.epoch === 1 ||
        r.epoch % every === 0 ||
        r.epoch === totalEpochs ||
        now() - lastLine >= maxSilence
      ) {
        write(line);
        printedEpoch = r.epoch;
      }
    },
    step(info) {
      if (io.interactive || now() - lastLine < maxSilence) return;
      const of = Number.isFinite(info.totalSteps) ? `/${info.totalSteps}` : '';
      write(
        `${label}  epoch ${info.epoch}/${totalEpochs} in progress, step ${info.steps}${of}  loss ${info.loss.toFixed(3)}`,
      );
    },
    done(history) {
      if (open) io.stderr('\n');
      open = false;
      if (!io.interactive && last && last.epoch !== printedEpoch) write(last.line);
      if (history) {
        const text = STOP_TEXT[history.stoppedBy]?.(history) ?? `stopped: ${history.stoppedBy}`;
        write(`${label}: ${text}`);
      }
    },
  };
}
