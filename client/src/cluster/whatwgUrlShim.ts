/**
 * Stands in for the `whatwg-url` package in the client bundle (esbuild alias). node-fetch 2, which
 * @kubernetes/client-node uses, reads `Url.URL || whatwgUrl.URL`: Node's own URL always wins, so the
 * package (and its 260 KB of Unicode tables in tr46) is dead weight. Only `URL` is ever read.
 */
export const URL = globalThis.URL;
