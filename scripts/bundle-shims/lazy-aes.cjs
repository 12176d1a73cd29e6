// pdfkit imports AES from @noble/ciphers for encrypted PDFs, which Folio never writes;
// the module computes its lookup tables when loaded (about 15 ms and 0.5 MB of every
// worker's start). In the bundles this stand-in loads the real one on first use
// (through createRequire, which the bundler leaves alone: a plain require would be
// aliased back to this file).
const { createRequire } = require('node:module');

let aes;
const real = () => (aes ??= createRequire(__filename)('@noble/ciphers/aes'));
exports.cbc = (...args) => real().cbc(...args);
exports.ecb = (...args) => real().ecb(...args);
