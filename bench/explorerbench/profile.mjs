// Where verifyLog's time goes without a browser or a network: Node's
// WebCrypto, the same module, the 300-entry log of testdata/tlog read
// from memory. Run from the repository root: node bench/explorerbench/profile.mjs
import { readFile } from "node:fs/promises";
import * as V from "../../web/static/verify/verify.js";

const base = new URL("../../testdata/tlog/log/", import.meta.url).pathname;
const files = new Map();
const fetchFn = async (u) => {
  if (!files.has(u)) files.set(u, await readFile(u).catch(() => null));
  const b = files.get(u);
  return b ? { ok: true, status: 200, arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) } : { ok: false, status: 404 };
};
const key = (await readFile(new URL("../../testdata/tlog/keys/log.vkey", import.meta.url), "utf8")).trim();
const cpText = await readFile(base + "checkpoint", "utf8");
let digests = 0;
const digest = crypto.subtle.digest.bind(crypto.subtle);
crypto.subtle.digest = (a, b) => { digests++; return digest(a, b); };

const times = { "verifyLog": [], "checkpoint signature": [], "entry and proof from tiles": [], "one SHA-256": [] };
let maxDigests = 0;
for (let k = 0; k < 40; k++) {
  const i = (k * 37) % 300;
  let t = performance.now();
  await V.verifyLog({ base, logKey: key, index: i, fetchFn });
  times["verifyLog"].push(performance.now() - t);
  t = performance.now();
  const cp = await V.openCheckpoint(cpText, key);
  times["checkpoint signature"].push(performance.now() - t);
  digests = 0;
  t = performance.now();
  await V.verifyEntry(new V.Tiles(base, fetchFn), cp, i);
  times["entry and proof from tiles"].push(performance.now() - t);
  maxDigests = Math.max(maxDigests, digests);
  t = performance.now();
  for (let j = 0; j < 100; j++) await V.sha256(new Uint8Array(65));
  times["one SHA-256"].push((performance.now() - t) / 100);
}
for (const [k, l] of Object.entries(times)) {
  l.sort((a, b) => a - b);
  console.log(`${k}: p50 ${l[20].toFixed(3)} ms, p95 ${l[38].toFixed(3)} ms`);
}
console.log(`at most ${maxDigests} SHA-256 calls for one entry`);
