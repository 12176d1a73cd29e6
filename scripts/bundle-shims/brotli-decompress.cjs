// fontkit imports brotli's decompressor at load time, and brotli decodes its 120 kB
// dictionary then: about 50 ms of every worker's start, for WOFF2 fonts only.
// In the bundles this stand-in loads the real one from node_modules on its first call
// (through createRequire, which the bundler leaves alone: a plain require would be
// aliased back to this file).
const { createRequire } = require('node:module');

let decompress;
module.exports = function lazyBrotliDecompress(buffer, outSize) {
  decompress ??= createRequire(__filename)('brotli/decompress.js');
  return decompress(buffer, outSize);
};
