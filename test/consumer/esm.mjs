// A user's Node ESM script: the package's import condition must resolve and work.
import assert from 'node:assert/strict';
import { datasets, protocolSplit, toPoints } from 'pointgen';

const points = toPoints([[0.1, 0.2, 0.3, 0.4, 0.5]], { dim: 5 });
assert.equal(points.count, 1);
assert.equal(typeof datasets.coloredPi, 'function');
assert.equal(protocolSplit(datasets.coloredPi({ count: 10 })).test.count, 2);
console.log('esm ok');
