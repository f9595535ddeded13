import * as tf from '@tensorflow/tfjs-core';
import { matMulGrads } from '../mat-mul.js';
import { attrsAs, savedAt, singleDy } from './helpers.js';

// tf.matMul hands the kernel rank-3 operands whose batch sizes may differ by broadcasting (one of them 1);
// matMulGrads sums the gradient back over such a batch axis.
export const matMulGradients: tf.GradConfig[] = [
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const { transposeA, transposeB } = attrsAs<tf.BatchMatMulAttrs>(attrs);
      return matMulGrads(savedAt(saved, 0), savedAt(saved, 1), singleDy(dy), transposeA, transposeB);
    },
  },
];
