import type * as tf from '@tensorflow/tfjs-core';
import { binaryGradients } from './binary.js';
import { elementwiseGradients } from './elementwise.js';
import { gatherGradients } from './gather.js';
import { matMulGradients } from './mat-mul.js';
import { reductionGradients } from './reduction.js';
import { shapeGradients } from './shape.js';

/** pointgen's gradient for every kernel its models (and typical models like them) run. */
export const gradConfigs: readonly tf.GradConfig[] = [
  ...elementwiseGradients,
  ...binaryGradients,
  ...reductionGradients,
  ...shapeGradients,
  ...gatherGradients,
  ...matMulGradients,
];
