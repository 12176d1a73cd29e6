// epub-gen-memory fetches images and fonts with node-fetch; Folio hands it every file from
// memory (src/render/epub/adapter.ts) and never makes a network request. In the bundles
// node-fetch is this refusal, which also spares loading node-fetch and its URL tables
// (about 120 ms of every worker's start).
module.exports = function noNetwork(url) {
  return Promise.reject(new Error(`Folio makes no network requests (something asked for ${String(url)})`));
};
