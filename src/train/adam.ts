import * as tf from '@tensorflow/tfjs-core';
import { assignFilled, peekValues } from '../tf/host.js';

/** Hyper-parameters of {@link AdamW}. */
export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay (AdamW): every step multiplies each weight by `1 - lr · weightDecay`. */
  readonly weightDecay: number;
}

/**
 * Adam's bias correction at step `t` folded into the learning rate and epsilon, the same in both optimisers:
 * `lrT = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)`, `epsT = ε · √(1 − β₂ᵗ)`.
 */
function biasCorrected(options: AdamOptions, t: number, learningRate: number): { lrT: number; epsT: number } {
  const correction = Math.sqrt(1 - options.beta2 ** t);
  return {
    lrT: (learningRate * correction) / (1 - options.beta1 ** t),
    epsT: options.epsilon * correction,
  };
}

/**
 * Adam with decoupled weight decay. Moments are kept per variable: flattening all gradients into one vector
 * would save ops, but slicing a long vector back apart is very slow on the wasm backend (every slice copies
 * its whole input out of the heap).
 */
export class AdamW {
  private readonly variables: readonly tf.Variable[];
  private readonly options: AdamOptions;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(variables: readonly tf.Variable[], options: AdamOptions) {
    this.variables = variables;
    this.options = options;
    this.m = variables.map((x) => zerosVariable(x.shape));
    this.v = variables.map((x) => zerosVariable(x.shape));
  }

  /** Applies one update from `grads` (one per variable, in order), multiplied by `gradScale` (the clipping factor). */
  apply(grads: readonly tf.Tensor[], gradScale: number, learningRate: number): void {
    this.t += 1;
    const { beta1, beta2, weightDecay } = this.options;
    const { lrT, epsT } = biasCorrected(this.options, this.t, learningRate);
    tf.tidy(() => {
      const b1 = tf.scalar(beta1);
      const c1 = tf.scalar((1 - beta1) * gradScale);
      const b2 = tf.scalar(beta2);
      const c2 = tf.scalar((1 - beta2) * gradScale * gradScale);
      const lr = tf.scalar(-lrT);
      const eps = tf.scalar(epsT);
      const decay = tf.scalar(1 - learningRate * weightDecay);
      this.variables.forEach((variable, i) => {
        const g = grads[i] as tf.Tensor;
        const mi = this.m[i] as tf.Variable;
        const vi = this.v[i] as tf.Variable;
        const m = tf.add(tf.mul(mi, b1), tf.mul(g, c1));
        const v = tf.add(tf.mul(vi, b2), tf.mul(tf.square(g), c2));
        mi.assign(m);
        vi.assign(v);
        const step = tf.div(tf.mul(m, lr), tf.add(tf.sqrt(v), eps));
        variable.assign(tf.add(weightDecay > 0 ? tf.mul(variable, decay) : variable, step));
      });
    });
  }

  /** Forgets the moments (after a rollback, so that stale statistics do not steer the next steps). */
  reset(): void {
    this.t = 0;
    tf.tidy(() => {
      for (const x of [...this.m, ...this.v]) x.assign(tf.zerosLike(x));
    });
  }

  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}

/** A non-trainable variable of zeros (the initial tensor is released: the variable keeps its data alive). */
function zerosVariable(shape: readonly number[]): tf.Variable {
  const zeros = tf.zeros([...shape]);
  const v = tf.variable(zeros, false);
  zeros.dispose();
  return v;
}

/**
 * The same update as {@link AdamW}, computed in plain JavaScript over the backend's values, for the backends
 * that keep tensors in host memory (cpu, wasm; on wasm the values are read and written in its heap, without
 * copies). There the update is one loop per variable, where the tensor version runs a dozen kernels per
 * variable, each with a fixed cost that dwarfs its arithmetic on wasm (about 900 kernels per step for the
 * default RealNVP's 66 variables).
 */
export class HostAdamW {
  private readonly variables: readonly tf.Variable[];
  private readonly options: AdamOptions;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;

  constructor(variables: readonly tf.Variable[], options: AdamOptions) {
    this.variables = variables;
    this.options = options;
    this.m = variables.map((x) => new Float32Array(x.size));
    this.v = variables.map((x) => new Float32Array(x.size));
  }

  /** As {@link AdamW.apply}, each variable's new values computed into the tensor that will hold them. */
  apply(grads: readonly tf.Tensor[], gradScale: number, learningRate: number): void {
    this.t += 1;
    const { beta1, beta2, weightDecay } = this.options;
    const { lrT, epsT } = biasCorrected(this.options, this.t, learningRate);
    const c1 = (1 - beta1) * gradScale;
    const c2 = (1 - beta2) * gradScale * gradScale;
    const decay = 1 - learningRate * weightDecay;
    const step: AdamStep = { beta1, beta2, c1, c2, decay, lrT, epsT };
    this.variables.forEach((variable, i) => {
      const m = this.m[i] as Float32Array;
      const v = this.v[i] as Float32Array;
      assignFilled(variable, (w) => {
        adamUpdate(peekValues(variable), peekValues(grads[i] as tf.Tensor), m, v, w, step);
      });
    });
  }

  /** Forgets the moments (after a rollback). */
  reset(): void {
    this.t = 0;
    for (const x of [...this.m, ...this.v]) x.fill(0);
  }

  dispose(): void {}
}

/** The coefficients of one {@link HostAdamW} step: `c1`, `c2` carry the clipping factor, `lrT`, `epsT` the bias correction. */
interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly c1: number;
  readonly c2: number;
  readonly decay: number;
  readonly lrT: number;
  readonly epsT: number;
}

/**
 * One variable's Adam update: the moments in place, the weights from `w` into `next`. A function of its own,
 * with the coefficients read into locals once: the same loop in a closure over them ran at about half the
 * speed, as V8 reloads captured values every iteration (docs/recipes.md, "Training engine").
 */
function adamUpdate(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  next: Float32Array,
  step: AdamStep,
): void {
  const { beta1, beta2, c1, c2, decay, lrT, epsT } = step;
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] as number;
    const mk = (m[k] as number) * beta1 + gk * c1;
    const vk = (v[k] as number) * beta2 + gk * gk * c2;
    m[k] = mk;
    v[k] = vk;
    next[k] = (w[k] as number) * decay - (lrT * mk) / (Math.sqrt(vk) + epsT);
  }
}
