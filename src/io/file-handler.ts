import type * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '../errors.js';
import {
  makeFolder,
  nodeFs,
  type OpenedFile,
  openRegular,
  readExactly,
  writeFilesAtomic,
} from './node-fs.js';

export { isNode } from './node-fs.js';

const MODEL_FILE = 'model.json';
/** The weights beside `model.json`, in the layout of tfjs-node and `tf.io.http`. */
const WEIGHTS_FILE = 'weights.bin';
/** `model.json` holds a configuration and a manifest: a few kB for any pointgen model. */
const MAX_MODEL_JSON_BYTES = 16 * 2 ** 20;
/** Far above any pointgen model (the largest preset has a few MB of weights), far below harm. */
const DEFAULT_MAX_WEIGHT_BYTES = 256 * 2 ** 20;
const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4 };

/**
 * Options of {@link fileHandler}.
 *
 * @example
 * ```ts
 * import { fileHandler, loadGenerator } from 'pointgen';
 * const model = await loadGenerator(fileHandler('./big-model', { maxWeightBytes: 2 ** 30 }));
 * ```
 */
export interface FileHandlerOptions {
  /** The most weight bytes `load` accepts (default 256 MiB); a file claiming more is refused unread. */
  readonly maxWeightBytes?: number;
}

/**
 * A `tf.io` handler for a model file on disk (Node only). `path` may start with `file://` and names a folder
 * (then the model is its `model.json` and `weights.bin`, the layout of tfjs-node and `tf.io.http`) or a
 * `.json` file (`dir/a.json` keeps its weights in `dir/a.weights.bin`, so one folder holds several models).
 *
 * Saving is atomic: both files are written under temporary names in the target folder, flushed, and renamed
 * over the old ones, so a failed save leaves the previous model loadable. Loading trusts nothing: the weights
 * files are checked (regular files, inside the model's folder, each once, their sizes those the specs need)
 * before a byte of them is read, and no more than the specs need is read.
 *
 * @example
 * ```ts
 * import { fileHandler } from 'pointgen';
 * await model.save(fileHandler('./models/realnvp'));
 * ```
 */
export function fileHandler(path: string, options: FileHandlerOptions = {}): tf.io.IOHandler {
  const bare = path.startsWith('file://') ? path.slice('file://'.length) : path;
  if (bare === '') throw new TypeError('path: expected a file path, got an empty string');
  const maxWeightBytes = options.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  if (!(Number.isSafeInteger(maxWeightBytes) && maxWeightBytes >= 0)) {
    throw new RangeError(`options.maxWeightBytes: expected a non-negative integer, got ${maxWeightBytes}`);
  }
  const paths = () => {
    const { path: p } = nodeFs();
    const modelPath = bare.endsWith('.json') ? bare : p.join(bare, MODEL_FILE);
    const base = p.basename(modelPath);
    const weights = base === MODEL_FILE ? WEIGHTS_FILE : `${base.slice(0, -'.json'.length)}.weights.bin`;
    return { dir: p.dirname(modelPath), modelPath, weights };
  };
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const { dir, modelPath, weights } = paths();
      const weightData = artifacts.weightData;
      if (weightData === undefined || Array.isArray(weightData)) {
        throw new TypeError('fileHandler: expected the weights as one ArrayBuffer');
      }
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [weights], weights: artifacts.weightSpecs ?? [] }],
      };
      const text = JSON.stringify(modelJson, null, 1);
      const { path: p } = nodeFs();
      await makeFolder(dir).catch((e: Error) => {
        throw new Error(`fileHandler: ${e.message}`, { cause: e });
      });
      // model.json last: it names the weights, so it is the commit point of the save.
      await writeFilesAtomic([
        { path: p.join(dir, weights), content: new Uint8Array(weightData) },
        { path: modelPath, content: text },
      ]).catch((e: Error) => {
        throw new Error(`fileHandler: ${e.message}`, { cause: e });
      });
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
      const { dir, modelPath } = paths();
      const model = await readModelJson(modelPath);
      const groups = await openWeights(model, dir, modelPath, maxWeightBytes);
      try {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of groups) {
          specs.push(...group.specs);
          const bytes = new Uint8Array(group.bytes);
          let offset = 0;
          for (const file of group.files) {
            await readExactly(file, bytes, offset, file.size);
            offset += file.size;
          }
          buffers.push(bytes.buffer);
        }
        const artifacts: tf.io.ModelArtifacts = { modelTopology: model.modelTopology, weightSpecs: specs };
        artifacts.weightData = buffers.length === 1 ? buffers[0] : buffers;
        if (model.format !== undefined) artifacts.format = model.format;
        return artifacts;
      } finally {
        await Promise.all(groups.flatMap((g) => g.files.map((f) => f.handle.close())));
      }
    },
  };
}

async function readModelJson(modelPath: string): Promise<tf.io.ModelJSON> {
  const file = await openRegular(modelPath, MAX_MODEL_JSON_BYTES, 'model');
  const bytes = new Uint8Array(file.size);
  try {
    await readExactly(file, bytes, 0, file.size);
  } finally {
    await file.handle.close();
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new FormatError(`model ${modelPath}: not valid JSON (${(e as Error).message})`);
  }
  const model = json as tf.io.ModelJSON;
  if (typeof model !== 'object' || model === null || !Array.isArray(model.weightsManifest)) {
    throw new FormatError(`model ${modelPath}: no weightsManifest`);
  }
  return model;
}

/** One manifest group: its specs, the bytes they need, and its files, open and checked to hold exactly those. */
interface WeightGroup {
  readonly specs: tf.io.WeightsManifestEntry[];
  readonly bytes: number;
  readonly files: OpenedFile[];
}

/**
 * Checks the manifest of `model` and opens every weights file it names, without reading any: each path
 * relative, inside `dir` (after symbolic links), listed once, a regular file; the bytes the specs need within
 * `maxBytes`; each group's files exactly that size.
 */
async function openWeights(
  model: tf.io.ModelJSON,
  dir: string,
  modelPath: string,
  maxBytes: number,
): Promise<WeightGroup[]> {
  const { fs, path: p } = nodeFs();
  const fail = (detail: string): never => {
    throw new FormatError(`model ${modelPath}: ${detail}`);
  };
  const realDir = await fs.realpath(dir);
  const seen = new Set<string>();
  const groups: WeightGroup[] = [];
  let total = 0;
  try {
    for (const group of model.weightsManifest) {
      if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) {
        fail('malformed weightsManifest entry');
      }
      let bytes = 0;
      for (const spec of group.weights) bytes += specBytes(spec, fail);
      total += bytes;
      if (total > maxBytes) fail(`the weight specs need ${total} bytes, more than the ${maxBytes} allowed`);
      const files: OpenedFile[] = [];
      groups.push({ specs: group.weights, bytes, files });
      for (const file of group.paths) {
        const relative =
          typeof file === 'string' &&
          file !== '' &&
          !file.includes('\0') &&
          !p.isAbsolute(file) &&
          !/^[a-zA-Z]:|^[\\/]/.test(file) &&
          !file.split(/[\\/]/).includes('..');
        if (!relative)
          fail(`weights path ${JSON.stringify(file)} is not a file name inside the model's folder`);
        const real = await fs
          .realpath(p.join(dir, file))
          .catch((e: NodeJS.ErrnoException) =>
            fail(`cannot read weights file ${JSON.stringify(file)} (${e.code ?? e.message})`),
          );
        if (!real.startsWith(realDir + p.sep))
          fail(`weights path ${JSON.stringify(file)} leads out of ${dir}`);
        if (seen.has(real)) fail(`weights file ${JSON.stringify(file)} is listed twice`);
        seen.add(real);
        files.push(await openRegular(real, maxBytes, 'weights file'));
      }
      const size = files.reduce((n, f) => n + f.size, 0);
      if (size !== bytes) {
        fail(`the weights files [${group.paths.join(', ')}] hold ${size} bytes, the specs need ${bytes}`);
      }
    }
  } catch (e) {
    await Promise.all(groups.flatMap((g) => g.files.map((f) => f.handle.close())));
    throw e instanceof FormatError && !e.message.startsWith('model ')
      ? new FormatError(`model ${modelPath}: ${e.message}`, { cause: e })
      : e;
  }
  return groups;
}

/** The bytes one weight spec needs, with its shape checked so that a hostile one cannot overflow the count. */
function specBytes(spec: tf.io.WeightsManifestEntry, fail: (detail: string) => never): number {
  const name = typeof spec?.name === 'string' ? spec.name : '(unnamed)';
  const size = DTYPE_BYTES[spec?.dtype];
  if (size === undefined || spec.quantization !== undefined) {
    fail(`weight ${name} has dtype ${String(spec?.dtype)}${spec?.quantization ? ' (quantized)' : ''}`);
  }
  const shape = spec.shape as unknown;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(`weight ${name} has a malformed shape ${JSON.stringify(shape)}`);
  }
  const elements = (shape as number[]).reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(elements)) fail(`weight ${name} has an impossible shape [${shape}]`);
  return elements * (size as number);
}
