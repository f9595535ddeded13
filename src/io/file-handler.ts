import type * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '../errors.js';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

interface NodeFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}
interface NodePath {
  join(...parts: string[]): string;
  dirname(path: string): string;
}

/** True when running in Node (where a plain path string means a file). */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

function builtin<T>(name: string): T {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  // getBuiltinModule (Node ≥ 20.16) reaches `fs` without an import statement, so browser bundles never see one.
  const mod = p?.getBuiltinModule?.(name);
  if (!mod) {
    throw new Error(
      `saving to a file path needs Node ≥ 20.16 (process.getBuiltinModule); pass a tf.io handler instead`,
    );
  }
  return mod as T;
}

/**
 * A `tf.io` handler for a folder on disk (Node only), in the layout of tfjs-node and of `tf.io.http`:
 * `model.json` (topology and weights manifest) and `weights.bin`. `path` may start with `file://` and may name
 * the folder or its `model.json`.
 *
 * @example
 * ```ts
 * import { fileHandler } from 'pointgen';
 * await model.save(fileHandler('./models/realnvp'));
 * ```
 */
export function fileHandler(path: string): tf.io.IOHandler {
  const bare = path.startsWith('file://') ? path.slice('file://'.length) : path;
  if (bare === '') throw new TypeError('path: expected a file path, got an empty string');
  const fs = () => builtin<NodeFs>('node:fs/promises');
  const paths = () => {
    const p = builtin<NodePath>('node:path');
    const modelPath = bare.endsWith('.json') ? bare : p.join(bare, MODEL_FILE);
    return { dir: p.dirname(modelPath), modelPath, join: p.join };
  };
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const { dir, modelPath, join } = paths();
      const weightData = artifacts.weightData;
      if (weightData === undefined || Array.isArray(weightData)) {
        throw new TypeError('fileHandler: expected the weights as one ArrayBuffer');
      }
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      await fs().mkdir(dir, { recursive: true });
      await fs().writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
      const text = JSON.stringify(modelJson, null, 1);
      await fs().writeFile(modelPath, text);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: text.length,
          weightDataBytes: weightData.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const { dir, modelPath, join } = paths();
      let json: unknown;
      try {
        json = JSON.parse(await fs().readFile(modelPath, 'utf8'));
      } catch (e) {
        if (e instanceof SyntaxError)
          throw new FormatError(`model ${modelPath}: not valid JSON (${e.message})`);
        throw e;
      }
      const model = json as tf.io.ModelJSON;
      if (typeof model !== 'object' || model === null || !Array.isArray(model.weightsManifest)) {
        throw new FormatError(`model ${modelPath}: no weightsManifest`);
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of model.weightsManifest) {
        if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) {
          throw new FormatError(`model ${modelPath}: malformed weightsManifest entry`);
        }
        specs.push(...group.weights);
        for (const file of group.paths) {
          if (typeof file !== 'string' || file.includes('..')) {
            throw new FormatError(`model ${modelPath}: bad weights path ${JSON.stringify(file)}`);
          }
          const bytes = await fs().readFile(join(dir, file));
          buffers.push(
            bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
          );
        }
      }
      const artifacts: tf.io.ModelArtifacts = { modelTopology: model.modelTopology, weightSpecs: specs };
      artifacts.weightData = buffers.length === 1 ? buffers[0] : buffers;
      if (model.format !== undefined) artifacts.format = model.format;
      return artifacts;
    },
  };
}
