import { type Generator, MaskedTransformerGenerator, RealNVPGenerator } from 'pointgen';

export type ModelKind = 'realnvp' | 'transformer';
export type ModelSize = 'small' | 'default';

/** What the page asks the training worker to build (plain data: it crosses `postMessage`). */
export interface ModelSpec {
  readonly kind: ModelKind;
  readonly size: ModelSize;
  readonly seed: number;
  /** The backend the page runs on, for the worker to train on too. */
  readonly backend: string;
}

/**
 * A new untrained model. `small` is a narrow network with smaller batches and a short warm-up, so that a few
 * epochs on a thousand points already draw a π (about half a second per epoch on the wasm backend); `default`
 * is the library's own recipe, better and much slower.
 */
export function createModel(kind: ModelKind, size: ModelSize, seed: number): Generator {
  if (kind === 'realnvp') {
    return size === 'small'
      ? new RealNVPGenerator({
          couplings: 4,
          hidden: 32,
          depth: 1,
          seed,
          training: { batchSize: 128, warmupSteps: 10, learningRate: 5e-3 },
        })
      : new RealNVPGenerator({ seed });
  }
  return size === 'small'
    ? new MaskedTransformerGenerator({
        embedDim: 32,
        heads: 2,
        layers: 1,
        members: 1,
        mixtureComponents: 8,
        seed,
        training: { batchSize: 64, warmupSteps: 10 },
      })
    : new MaskedTransformerGenerator({ seed });
}
