// fontkit, unicode-properties and linebreak (pdfkit's, which Folio's own line breaking
// does not use) each build their Unicode tables when loaded: five tries inflated from
// compressed data, about 40 ms of every worker's start, though a build shaping Latin
// text with the learnt tables (src/render/pdf/learnt-tables.ts) often reads none.
// In the bundles, this stand-in keeps the data and builds the real trie on first use
// (loaded through createRequire, which the bundler leaves alone: a plain require would
// be aliased back to this file).
const { createRequire } = require('node:module');

let UnicodeTrie;
module.exports = class LazyUnicodeTrie {
  constructor(data) {
    this.source = data;
    this.real = undefined;
  }
  load() {
    UnicodeTrie ??= createRequire(__filename)('unicode-trie');
    return (this.real ??= new UnicodeTrie(this.source));
  }
  get(codePoint) {
    return this.load().get(codePoint);
  }
  get highStart() {
    return this.load().highStart;
  }
  get errorValue() {
    return this.load().errorValue;
  }
  get data() {
    return this.load().data;
  }
};
