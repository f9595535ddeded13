import * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '../errors.js';
import { crc32 } from './checksum.js';

/** The `format` marker of pointgen model files. */
export const MODEL_FORMAT = 'pointgen-generator';
/** The newest model file version this build reads and the one it writes. */
export const MODEL_FORMAT_VERSION = 1;

/**
 * One weight of a saved model, as plain data.
 *
 * @example
 * ```ts
 * import type { NamedWeight } from 'pointgen';
 * const bias: NamedWeight = { name: 'coupling0/dense0/bias', shape: [2], values: new Float32Array(2) };
 * ```
 */
export interface NamedWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * The name and shape a model expects of one of its weights.
 *
 * @example
 * ```ts
 * import type { WeightSpec } from 'pointgen';
 * const kernel: WeightSpec = { name: 'coupling0/dense0/kernel', shape: [3, 64] };
 * ```
 */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

/**
 * A saved generator as plain data, before any tensor exists: its type (which class reads it), its configuration,
 * small JSON state (e.g. whether ActNorm was initialised) and its weights. `fromArtifacts` on each model class
 * reads one, checking every field before it makes a tensor.
 *
 * @example
 * ```ts
 * import { type GeneratorArtifacts, RealNVPGenerator } from 'pointgen';
 * declare const artifacts: GeneratorArtifacts; // e.g. read by your own storage layer
 * const model = RealNVPGenerator.fromArtifacts(artifacts);
 * ```
 */
export interface GeneratorArtifacts {
  readonly type: string;
  readonly config: unknown;
  readonly state: Readonly<Record<string, unknown>>;
  readonly weights: readonly NamedWeight[];
}

/** The `tf.io` form of {@link GeneratorArtifacts} (a `model.json` topology + one weight buffer). */
export function toModelArtifacts(artifacts: GeneratorArtifacts): tf.io.ModelArtifacts {
  const total = artifacts.weights.reduce((n, w) => n + w.values.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const w of artifacts.weights) {
    data.set(w.values, offset);
    offset += w.values.length;
  }
  return {
    format: MODEL_FORMAT,
    generatedBy: 'pointgen',
    convertedBy: null,
    modelTopology: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      type: artifacts.type,
      config: artifacts.config,
      state: artifacts.state,
      weightsCrc32: crc32(new Uint8Array(data.buffer)),
    },
    weightSpecs: artifacts.weights.map((w) => ({
      name: w.name,
      shape: [...w.shape],
      dtype: 'float32' as const,
    })),
    weightData: data.buffer,
  };
}

/**
 * Checks the generic structure of loaded `tf.io` artifacts (format marker, version, type, weight specs, buffer
 * size, finite values) and returns them as plain data. Creates no tensor.
 *
 * @throws {FormatError} naming `source` and the first problem.
 */
export function parseModelArtifacts(
  raw: tf.io.ModelArtifacts | undefined,
  source: string,
): GeneratorArtifacts {
  const fail = (detail: string): never => {
    throw new FormatError(`model ${source}: ${detail}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('the handler returned no model artifacts');
  const topology = raw.modelTopology;
  if (typeof topology !== 'object' || topology === null || topology instanceof ArrayBuffer) {
    return fail('no model topology (is this a pointgen model file?)');
  }
  const top = topology as Record<string, unknown>;
  if (top.format !== MODEL_FORMAT) {
    return fail(`topology format is ${JSON.stringify(top.format)}, expected "${MODEL_FORMAT}"`);
  }
  const version = top.formatVersion;
  if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
    return fail(`formatVersion must be a positive integer, got ${JSON.stringify(version)}`);
  }
  if (version > MODEL_FORMAT_VERSION) {
    return fail(`formatVersion ${version} is newer than this pointgen reads (${MODEL_FORMAT_VERSION})`);
  }
  if (typeof top.type !== 'string' || top.type === '') return fail('missing model type');
  if (typeof top.config !== 'object' || top.config === null || Array.isArray(top.config)) {
    return fail('missing or malformed config');
  }
  const state = top.state ?? {};
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return fail('malformed state');

  const specs = raw.weightSpecs;
  if (!Array.isArray(specs)) return fail('missing weight specs');
  const names = new Set<string>();
  let total = 0;
  for (const [i, spec] of specs.entries()) {
    if (typeof spec?.name !== 'string') return fail(`weight spec ${i} has no name`);
    if (names.has(spec.name)) return fail(`weight ${spec.name} appears twice`);
    names.add(spec.name);
    if (spec.dtype !== 'float32')
      return fail(`weight ${spec.name} has dtype ${spec.dtype}, expected float32`);
    if (spec.quantization !== undefined)
      return fail(`weight ${spec.name} is quantized; pointgen reads float32 only`);
    const shape = spec.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      return fail(`weight ${spec.name} has a malformed shape ${JSON.stringify(shape)}`);
    }
    total += shape.reduce((a, b) => a * b, 1);
  }
  const buffer = joinWeightData(raw.weightData);
  if (buffer.byteLength !== total * 4) {
    return fail(`weight data holds ${buffer.byteLength} bytes, the specs need ${total * 4}`);
  }
  // Files saved before the checksum existed have none and still load.
  const checksum = top.weightsCrc32;
  if (checksum !== undefined) {
    if (typeof checksum !== 'string' || !/^[0-9a-f]{8}$/.test(checksum)) {
      return fail(`weightsCrc32 must be 8 hex digits, got ${JSON.stringify(checksum)}`);
    }
    const actual = crc32(new Uint8Array(buffer));
    if (actual !== checksum) {
      return fail(
        `the weights' CRC-32 is ${actual}, model.json says ${checksum} (damaged weights, or weights of another save)`,
      );
    }
  }
  const all = new Float32Array(buffer.slice(0));
  const weights: NamedWeight[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = all.subarray(offset, offset + size);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return fail(`weight ${spec.name} holds ${values[bad]} at index ${bad}`);
    weights.push({ name: spec.name, shape: [...spec.shape], values });
    offset += size;
  }
  return { type: top.type, config: top.config, state: state as Record<string, unknown>, weights };
}

/**
 * Checks that `weights` are exactly the `expected` ones (same names, same shapes) and returns them by name.
 *
 * @throws {FormatError} naming `source` and the first missing, unexpected or misshapen weight.
 */
export function matchWeights(
  weights: readonly NamedWeight[],
  expected: readonly WeightSpec[],
  source: string,
): Map<string, NamedWeight> {
  const byName = new Map(weights.map((w) => [w.name, w]));
  for (const spec of expected) {
    const w = byName.get(spec.name);
    if (!w) throw new FormatError(`model ${source}: weight ${spec.name} is missing`);
    if (w.shape.length !== spec.shape.length || w.shape.some((d, i) => d !== spec.shape[i])) {
      throw new FormatError(
        `model ${source}: weight ${spec.name} has shape [${w.shape}], the config needs [${spec.shape}]`,
      );
    }
  }
  if (byName.size !== expected.length) {
    const known = new Set(expected.map((s) => s.name));
    const extra = weights.find((w) => !known.has(w.name));
    throw new FormatError(`model ${source}: unexpected weight ${extra?.name} for this config`);
  }
  return byName;
}

function joinWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (Array.isArray(data)) return tf.io.CompositeArrayBuffer.join(data);
  return data;
}
