import * as tf from '@tensorflow/tfjs-core';
import { fileHandler, isNode } from './file-handler.js';
import type { ModelLocation } from './location.js';

/**
 * The `tf.io` handler for `location`: a handler is used as it is; a string goes through the `tf.io` routers
 * (`indexeddb://`, `localstorage://`, `http(s)://`, …), and in Node a string no router claims is a file path.
 *
 * @throws {TypeError} when no handler fits or several do.
 */
export function resolveHandler(location: ModelLocation, purpose: 'save' | 'load'): tf.io.IOHandler {
  const argument = purpose === 'save' ? 'destination' : 'source';
  if (typeof location === 'object' && location !== null) {
    if (typeof (location as tf.io.IOHandler)[purpose] !== 'function') {
      throw new TypeError(`${argument}: this tf.io handler has no ${purpose}() method`);
    }
    return location;
  }
  if (typeof location !== 'string' || location === '') {
    throw new TypeError(
      `${argument}: expected a URL, a file path or a tf.io handler, got ${String(location)}`,
    );
  }
  const routed = purpose === 'save' ? tf.io.getSaveHandlers(location) : tf.io.getLoadHandlers(location);
  if (routed.length > 1) throw new TypeError(`${argument}: several tf.io handlers claim "${location}"`);
  if (routed[0]) return routed[0];
  // A URL scheme no router claims (`indexeddb://` in Node) is not a folder name: it would create `indexeddb:`.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (isNode() && (scheme === undefined || scheme.toLowerCase() === 'file')) return fileHandler(location);
  if (scheme !== undefined) {
    throw new TypeError(
      `${argument}: no tf.io handler for ${scheme}:// here${isNode() ? ' (in Node, use a file path)' : ''}`,
    );
  }
  throw new TypeError(
    `${argument}: no tf.io handler for "${location}" (use indexeddb://, localstorage:// or http://)`,
  );
}

/** A short description of `location` for error messages. */
export function describeLocation(location: ModelLocation): string {
  return typeof location === 'string' ? `"${location}"` : 'from the given handler';
}
