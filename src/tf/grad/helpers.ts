import * as tf from '@tensorflow/tfjs-core';
import { hostRowSums } from '../row-sums.js';

/** The tensor a gradient function saved at position `i` (inputs first, then outputs, as the config lists them). */
export function savedAt(saved: tf.Tensor[], i: number): tf.Tensor {
  const t = saved[i];
  if (t === undefined) throw new Error(`pointgen gradient: saved tensor ${i} is missing`);
  return t;
}

/** The upstream gradient of a single-output kernel (the engine passes an array only for several outputs). */
export function singleDy(dy: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(dy) ? savedAt(dy, 0) : dy;
}

/** The upstream gradients of a multi-output kernel; one output arrives as a bare tensor. */
export function manyDy(dy: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(dy) ? dy : [dy];
}

/** Kernel attributes come untyped from the registry; each config names the attribute type it reads. */
export function attrsAs<T>(attrs: tf.NamedAttrMap): T {
  return attrs as unknown as T;
}

/**
 * Sums the gradient of a broadcast result back to the shape of one operand: the axes that broadcasting
 * added or stretched from 1 are summed out.
 */
export function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  const summed = axes.length > 0 ? (hostRowSums(dy, axes) ?? tf.sum(dy, axes)) : dy;
  return tf.reshape(summed, shape);
}

/** 1 where `condition` holds, else 0, as float32 (gradients must be float32). */
export function mask(condition: tf.Tensor): tf.Tensor {
  return tf.cast(condition, 'float32');
}
