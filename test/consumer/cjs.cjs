// A user's Node CommonJS script: the package's require condition must resolve and work.
const assert = require('node:assert/strict');
const { datasets, toPoints } = require('pointgen');

assert.equal(toPoints([[0, 0, 0, 0, 0]]).dim, 5);
assert.equal(datasets.coloredPi({ count: 7 }).count, 7);
console.log('cjs ok');
