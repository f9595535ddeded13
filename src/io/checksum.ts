/**
 * CRC-32 (IEEE 802.3, as in zip and PNG) of the weight bytes, stored in `model.json` to catch damaged files.
 * A checksum stored beside the data cannot stop someone who edits both, so a cryptographic hash would buy
 * nothing here; CRC-32 catches every single-bit flip and every burst up to 32 bits, runs synchronously, and
 * needs no `crypto.subtle` (which browsers offer only on secure origins).
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32 of `bytes` as 8 lower-case hex digits.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 'cbf43926'
 * ```
 */
export function crc32(bytes: Uint8Array): string {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    c = (TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
