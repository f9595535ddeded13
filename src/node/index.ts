/**
 * Node-only helpers of pointgen (file system access, JPEG decoding through `sharp`). Import from
 * `pointgen/node`; browser bundles never load this entry.
 *
 * @packageDocumentation
 */
export {};
