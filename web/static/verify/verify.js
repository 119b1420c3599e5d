// truce's in-browser verifier of a C2SP tlog-tiles log (docs/FORMAT.md §5,
// §6, §11): the log's signed checkpoint (C2SP signed-note, Ed25519), its
// witnesses' cosignatures (C2SP tlog-cosignature/v1), an entry's inclusion
// proof built from the hash tiles, consistency with a checkpoint seen
// before, and a record's DSSE signatures.
//
// Written by hand on WebCrypto (SHA-256, Ed25519): the browser already has
// the primitives, and no small, well-kept npm package does tlog-tiles proofs
// or signed notes; the Merkle algorithms are RFC 9162 §2.1 step by step.
//
// Every refusal throws a VerifyError whose `reason` is one word of REASONS,
// the reasons of the shared test vectors (testdata/tlog/fail_*.err); check()
// turns a promise into {ok, reason, message, value} for a page.

export const REASONS = Object.freeze([
  "malformed", "origin", "signature", "rollback", "fork", "cosignature",
  "quorum", "tile", "inclusion", "consistency", "dsse", "record", "unavailable",
]);

export class VerifyError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = "VerifyError";
    this.reason = reason;
  }
}

const fail = (reason, message) => { throw new VerifyError(reason, message); };

// quote shows at most 64 characters of untrusted input.
const quote = (s) => JSON.stringify(String(s).length > 64 ? String(s).slice(0, 64) + "…" : String(s));

const enc = new TextEncoder();
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function hex(b) {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

export function unhex(s) {
  if (typeof s !== "string" || !/^([0-9a-f]{2})*$/.test(s)) fail("malformed", `not lowercase hex: ${quote(s)}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// unbase64 decodes standard or URL-safe base64, padded or not (as DSSE
// allows); strict=true accepts only standard padded base64 (signed notes).
export function unbase64(s, strict = false) {
  if (typeof s !== "string") fail("malformed", "base64: not a string");
  if (strict ? !/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)
    : !/^[A-Za-z0-9+/_-]*={0,2}$/.test(s)) fail("malformed", `not base64: ${quote(s)}`);
  let t = s.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (t.length % 4 === 1) fail("malformed", `not base64: ${quote(s)}`);
  t += "===".slice((t.length + 3) % 4);
  let bin;
  try { bin = atob(t); } catch { fail("malformed", `not base64: ${quote(s)}`); }
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

export async function sha256(b) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", b));
}

// RFC 6962 hashes.
export const leafHash = (entry) => sha256(concat(Uint8Array.of(0), entry));
const nodeHash = (l, r) => sha256(concat(Uint8Array.of(1), l, r));

// Ed25519 through WebCrypto; a key WebCrypto refuses (not a point) never
// verifies anything.
async function ed25519Verify(pub, sig, msg) {
  if (sig.length !== 64) return false;
  let key;
  try {
    key = await crypto.subtle.importKey("raw", pub, { name: "Ed25519" }, false, ["verify"]);
  } catch {
    return false;
  }
  return crypto.subtle.verify({ name: "Ed25519" }, key, sig, msg);
}

// Sizes and indices are Numbers: exact to 2^53, far beyond any log; bit
// operations are written as arithmetic because JS's are 32-bit.
const lsb = (x) => x % 2 === 1;
const half = (x) => Math.floor(x / 2);

function checkCount(x, what) {
  if (!Number.isSafeInteger(x) || x < 0) fail("malformed", `${what} ${quote(x)} is not a non-negative integer`);
}

function checkHashes(hs, what) {
  if (!Array.isArray(hs)) fail("malformed", `${what}: not a list of hashes`);
  for (const h of hs) if (!(h instanceof Uint8Array) || h.length !== 32) fail("malformed", `${what}: not a list of 32-byte hashes`);
}

// ---- Keys (FORMAT.md §1; C2SP signed-note and tlog-cosignature) ----

// parseKey reads a verifier key line NAME+HASH+BASE64(alg ‖ key): alg 0x01
// is an Ed25519 note key (the log's, members'), 0x04 an Ed25519
// cosignature/v1 witness key. Its hash must be the first 4 bytes of
// SHA-256(NAME ‖ 0x0A ‖ alg ‖ key).
export async function parseKey(vkey, alg = 0x01) {
  const line = String(vkey).trim();
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(line);
  if (!m) fail("malformed", `key ${quote(line)} is not NAME+HASH+BASE64`);
  const raw = unbase64(m[3], true);
  if (raw.length !== 33 || raw[0] !== alg) fail("malformed", `key ${quote(m[1])}: want algorithm 0x0${alg} and 32 key bytes`);
  const h = await sha256(concat(enc.encode(m[1] + "\n"), raw));
  if (hex(h.subarray(0, 4)) !== m[2]) fail("malformed", `key ${quote(m[1])}: its hash ${m[2]} does not match the key`);
  return {
    name: m[1], hash: m[2], alg, pub: raw.subarray(1), line,
    // FORMAT.md §1: the key id does not depend on the name.
    keyID: hex(await sha256(raw)),
  };
}

// ---- Signed notes and checkpoints (C2SP signed-note, tlog-checkpoint) ----

const MAX_NOTE = 1 << 20;

// parseNote splits a signed note into its text and signature lines.
export function parseNote(text) {
  if (typeof text !== "string") fail("malformed", "note: not text");
  if (text.length > MAX_NOTE) fail("malformed", `note of ${text.length} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f\ufffd]/.test(text)) fail("malformed", "note holds control characters or invalid UTF-8");
  const split = text.lastIndexOf("\n\n");
  if (split < 0) fail("malformed", "malformed note: no signature block");
  const body = text.slice(0, split + 1);
  const sigText = text.slice(split + 2);
  if (!sigText.endsWith("\n")) fail("malformed", "malformed note: its signatures do not end in a newline");
  const sigs = [];
  for (const line of sigText.slice(0, -1).split("\n")) {
    const m = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) fail("malformed", `malformed note: signature line ${quote(line)}`);
    const raw = unbase64(m[2], true);
    if (raw.length < 5) fail("malformed", `malformed note: signature of ${quote(m[1])} is too short`);
    sigs.push({ name: m[1], hash: hex(raw.subarray(0, 4)), sig: raw.subarray(4) });
  }
  if (sigs.length > 100) fail("malformed", `note has ${sigs.length} signatures`);
  return { body, sigs };
}

// openCheckpoint checks a checkpoint's origin and its signature by the
// log key (a parseKey result or a key line) and returns it parsed:
// {origin, size, root, body, sigs, raw}.
export async function openCheckpoint(raw, logKey) {
  const key = typeof logKey === "string" ? await parseKey(logKey) : logKey;
  if (typeof raw !== "string") fail("malformed", "checkpoint: not text");
  const origin = raw.split("\n", 1)[0];
  if (origin !== key.name) fail("origin", `checkpoint origin is ${quote(origin)}, expected ${quote(key.name)} (the log key's name)`);
  const note = parseNote(raw);
  const mine = note.sigs.filter((s) => s.name === key.name && s.hash === key.hash);
  if (mine.length === 0) fail("signature", `checkpoint is not signed by log key ${key.name}+${key.hash}: no signature by that key`);
  const msg = enc.encode(note.body);
  for (const s of mine) {
    if (!(await ed25519Verify(key.pub, s.sig, msg))) fail("signature", `checkpoint is not signed by log key ${key.name}+${key.hash}: invalid signature`);
  }
  const lines = note.body.split("\n");
  if (lines.length < 4 || !/^(0|[1-9][0-9]{0,15})$/.test(lines[1])) fail("malformed", `checkpoint size ${quote(lines[1])} is not a decimal number`);
  const size = Number(lines[1]);
  checkCount(size, "checkpoint size");
  const root = unbase64(lines[2], true);
  if (root.length !== 32) fail("malformed", "checkpoint root is not 32 bytes");
  return { origin, size, root, body: note.body, sigs: note.sigs, raw };
}

// verifyCosignatures checks the C2SP tlog-cosignature/v1 cosignatures of
// an opened checkpoint by the witnesses whose keys are given (alg 0x04):
// a cosignature by one of them that does not verify fails; fewer than k
// distinct witnesses (k = 0: all) fails. Cosignatures by other keys are
// ignored. Returns the names of the witnesses that cosigned.
export async function verifyCosignatures(cp, witnessKeys, k = 0) {
  const keys = [];
  for (const w of witnessKeys) keys.push(typeof w === "string" ? await parseKey(w, 0x04) : w);
  if (k === 0) k = keys.length;
  const cosigners = [];
  for (const key of keys) {
    let signed = false;
    for (const s of cp.sigs.filter((s) => s.name === key.name && s.hash === key.hash)) {
      if (s.sig.length !== 72) fail("cosignature", `cosignature by ${key.name}+${key.hash} is ${s.sig.length} bytes, not an 8-byte time and a 64-byte signature`);
      const t = new DataView(s.sig.buffer, s.sig.byteOffset, 8).getBigUint64(0);
      const msg = enc.encode(`cosignature/v1\ntime ${t}\n${cp.body}`);
      if (!(await ed25519Verify(key.pub, s.sig.subarray(8), msg))) fail("cosignature", `cosignature by ${key.name}+${key.hash} does not verify`);
      signed = true;
    }
    if (signed) cosigners.push(key.name);
  }
  if (cosigners.length < k) fail("quorum", `checkpoint is cosigned by ${cosigners.length} of the ${keys.length} witnesses given; ${k} required`);
  return cosigners;
}

// ---- Tiles (C2SP tlog-tiles) ----

// nPath writes a tile index in groups of three digits, x-prefixed but the
// last: 1234067 is x001/x234/067.
function nPath(n) {
  checkCount(n, "tile index");
  let s = String(n % 1000).padStart(3, "0");
  for (n = Math.floor(n / 1000); n > 0; n = Math.floor(n / 1000)) s = `x${String(n % 1000).padStart(3, "0")}/${s}`;
  return s;
}

// tilePath is the path of hash tile (level, n), partial of width w if w > 0.
export const tilePath = (level, n, w = 0) => `tile/${level}/${nPath(n)}${w ? `.p/${w}` : ""}`;
// entriesPath is the path of entry bundle n, partial of width w if w > 0.
export const entriesPath = (n, w = 0) => `tile/entries/${nPath(n)}${w ? `.p/${w}` : ""}`;

// width is how many of tile n's 256 slots a tree of size holds at a level
// whose nodes each cover `span` leaves.
function width(size, span, n) {
  return Math.min(256, Math.floor(size / span) - 256 * n);
}

// Tiles fetches a log's tiles and entry bundles from base (a URL ending in
// "/", or "" for the page's origin root), once each.
export class Tiles {
  constructor(base = "/", fetchFn = globalThis.fetch.bind(globalThis)) {
    this.base = base;
    this.fetch = fetchFn;
    this.cache = new Map();
  }

  async get(path) {
    if (!this.cache.has(path)) this.cache.set(path, this.load(path));
    return this.cache.get(path);
  }

  async load(path) {
    let resp;
    try {
      resp = await this.fetch(this.base + path);
    } catch (e) {
      fail("unavailable", `fetching ${path}: ${e.message}`);
    }
    if (resp.status === 404) return null;
    if (!resp.ok) fail("unavailable", `fetching ${path}: HTTP ${resp.status}`);
    try {
      return new Uint8Array(await resp.arrayBuffer());
    } catch (e) {
      fail("unavailable", `reading ${path}: ${e.message}`);
    }
  }

  // get a partial resource, or, once the log has grown past it, the full
  // one it became (tlog-tiles: a client may read a prefix of the full tile).
  async partial(full, w) {
    if (w < 1) fail("tile", `${full} is beyond the tree`);
    if (w < 256) {
      const b = await this.get(`${full}.p/${w}`);
      if (b) return { b, full: false };
    }
    const b = await this.get(full);
    if (!b) fail("tile", `${full}${w < 256 ? `.p/${w}` : ""} is missing`);
    return { b, full: true };
  }

  // hashTile returns the hashes of tile (level, n) in a tree of size.
  async hashTile(level, n, size) {
    const w = width(size, 256 ** level, n);
    const { b, full } = await this.partial(tilePath(level, n), w);
    const want = full ? 256 : w;
    if (b.length !== 32 * want) fail("tile", `${tilePath(level, n, full ? 0 : w)} holds ${b.length} bytes, not ${want} hashes`);
    return b;
  }

  // entry returns entry i of a tree of size, from its entry bundle.
  async entry(i, size) {
    const n = Math.floor(i / 256);
    const w = width(size, 1, n);
    const { b, full } = await this.partial(entriesPath(n), w);
    const path = entriesPath(n, full ? 0 : w);
    const entries = [];
    for (let o = 0; o < b.length;) {
      if (o + 2 > b.length) fail("tile", `${path}: cut short in an entry's length`);
      const len = (b[o] << 8) | b[o + 1];
      if (o + 2 + len > b.length) fail("tile", `${path}: entry ${entries.length} needs ${len} bytes, ${b.length - o - 2} are left`);
      entries.push(b.subarray(o + 2, o + 2 + len));
      o += 2 + len;
    }
    if (full ? entries.length !== 256 : entries.length !== w) fail("tile", `${path} holds ${entries.length} entries, not ${full ? 256 : w}`);
    return entries[i % 256];
  }
}

// Nodes computes the hash of any perfect subtree of a tree of size from
// its tiles: node (h, i) covers leaves [i·2^h, (i+1)·2^h). A tile at level
// L holds the nodes of height 8L; a node of height 8L + r is the root of
// 2^r of them.
class Nodes {
  constructor(tiles, size) {
    this.tiles = tiles;
    this.size = size;
    this.memo = new Map();
  }

  node(h, i) {
    const key = `${h}/${i}`;
    if (!this.memo.has(key)) this.memo.set(key, this.compute(h, i));
    return this.memo.get(key);
  }

  async compute(h, i) {
    const L = Math.floor(h / 8), r = h % 8;
    const first = i * 2 ** r; // index of its first node at height 8L
    const n = Math.floor(first / 256);
    const tile = await this.tiles.hashTile(L, n, this.size);
    let level = [];
    for (let j = first % 256; j < first % 256 + 2 ** r; j++) {
      if (32 * (j + 1) > tile.length) fail("tile", `${tilePath(L, n)}: node ${j} is beyond the tile`);
      level.push(tile.subarray(32 * j, 32 * (j + 1)));
    }
    while (level.length > 1) {
      const next = [];
      for (let j = 0; j < level.length; j += 2) next.push(nodeHash(level[j], level[j + 1]));
      level = await Promise.all(next);
    }
    return level[0];
  }

  // range is MTH(D[a:b]) (RFC 6962 §2.1), from perfect subtrees.
  async range(a, b) {
    const n = b - a;
    const k = largestPow2Below(n + 1);
    if (k === n && a % n === 0) return this.node(Math.log2(n), a / n);
    const kk = largestPow2Below(n);
    const [l, r] = await Promise.all([this.range(a, a + kk), this.range(a + kk, b)]);
    return nodeHash(l, r);
  }
}

// largestPow2Below is the largest power of 2 smaller than n (n > 1).
function largestPow2Below(n) {
  let k = 1;
  while (2 * k < n) k *= 2;
  return k;
}

// inclusionPath is PATH(m, D[a:b]) (RFC 6962 §2.1.1), leaf side first.
function inclusionPath(nodes, m, a, b) {
  if (b - a === 1) return [];
  const k = largestPow2Below(b - a);
  return m < a + k
    ? [...inclusionPath(nodes, m, a, a + k), nodes.range(a + k, b)]
    : [...inclusionPath(nodes, m, a + k, b), nodes.range(a, a + k)];
}

// subproof is SUBPROOF(m, D[a:b], complete) (RFC 6962 §2.1.2).
function subproof(nodes, m, a, b, complete) {
  const n = b - a;
  if (m === n) return complete ? [] : [nodes.range(a, b)];
  const k = largestPow2Below(n);
  return m <= k
    ? [...subproof(nodes, m, a, a + k, complete), nodes.range(a + k, b)]
    : [...subproof(nodes, m - k, a + k, b, false), nodes.range(a, a + k)];
}

// ---- Proofs (RFC 9162 §2.1.3.2, §2.1.4.2) ----

// verifyInclusionProof checks that leaf (its hash) is at index in the tree
// of size whose root is given.
export async function verifyInclusionProof(index, size, leaf, proof, root) {
  checkCount(index, "index");
  checkCount(size, "tree size");
  checkHashes([leaf, root, ...(Array.isArray(proof) ? proof : [null])], "inclusion proof");
  if (index >= size) fail("inclusion", `entry ${index}: not in the log's tree of size ${size}`);
  let fn = index, sn = size - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) fail("inclusion", `entry ${index}: not included in the tree of size ${size}: the proof is too long`);
    if (lsb(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!lsb(fn)) while (!lsb(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn); sn = half(sn);
  }
  if (sn !== 0 || !equal(r, root)) fail("inclusion", `entry ${index}: not included in the tree of size ${size}: the proof gives root ${hex(r)}`);
}

// verifyConsistencyProof checks that the tree of oldSize and oldRoot is a
// prefix of the tree of size and root.
export async function verifyConsistencyProof(oldSize, size, oldRoot, root, proof) {
  checkCount(oldSize, "old size");
  checkCount(size, "tree size");
  checkHashes([oldRoot, root, ...(Array.isArray(proof) ? proof : [null])], "consistency proof");
  const bad = (why) => fail("consistency", `the tree of size ${size} does not extend the one of size ${oldSize}: ${why}`);
  if (oldSize > size) bad("it is smaller");
  if (oldSize === size) {
    if (proof.length !== 0 || !equal(oldRoot, root)) bad("same size, another root");
    return;
  }
  if (oldSize === 0) {
    if (proof.length !== 0) bad("a proof from the empty tree must be empty");
    return;
  }
  if (proof.length === 0) bad("empty proof");
  const path = Number.isInteger(Math.log2(oldSize)) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1, sn = size - 1;
  while (lsb(fn)) { fn = half(fn); sn = half(sn); }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) bad("the proof is too long");
    if (lsb(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!lsb(fn)) while (!lsb(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn); sn = half(sn);
  }
  if (sn !== 0 || !equal(fr, oldRoot) || !equal(sr, root)) bad("the proof does not give both roots");
}

// ---- The log, from its tiles ----

// verifyEntry fetches entry index of the tree cp commits to, builds its
// inclusion proof from the tiles and checks it against cp's root. Returns
// {entry, leafHash}.
export async function verifyEntry(tiles, cp, index) {
  checkCount(index, "index");
  if (index >= cp.size) fail("inclusion", `entry ${index}: not in the log's tree of size ${cp.size}`);
  const entry = await tiles.entry(index, cp.size);
  const leaf = await leafHash(entry);
  const nodes = new Nodes(tiles, cp.size);
  const proof = await Promise.all(inclusionPath(nodes, index, 0, cp.size));
  await verifyInclusionProof(index, cp.size, leaf, proof, cp.root);
  return { entry, leafHash: leaf };
}

// verifyExtends checks that next, the log's checkpoint now, is consistent
// with prev, the last one this reader verified: a smaller tree is a
// rollback; another root at the same size, or a larger tree that the
// tiles cannot prove extends prev, is a fork.
export async function verifyExtends(tiles, prev, next) {
  if (next.size < prev.size) fail("rollback", `rollback: the log's checkpoint has size ${next.size}, smaller than size ${prev.size} seen before`);
  if (next.size === prev.size) {
    if (!equal(next.root, prev.root)) fail("fork", `fork: two checkpoints of size ${next.size} with different roots (${hex(prev.root)} seen before, ${hex(next.root)} now)`);
    return;
  }
  if (prev.size === 0) return;
  const nodes = new Nodes(tiles, next.size);
  const proof = await Promise.all(subproof(nodes, prev.size, 0, next.size, true));
  try {
    await verifyConsistencyProof(prev.size, next.size, prev.root, next.root, proof);
  } catch (e) {
    if (e instanceof VerifyError && e.reason === "consistency") fail("fork", `fork: the checkpoint of size ${next.size} does not extend the one of size ${prev.size} seen before`);
    throw e;
  }
}

// ---- Records (FORMAT.md §3, §4) ----

const PAYLOAD_TYPE = "application/vnd.truce.record+json";

// verifyRecord checks every DSSE signature of a truce envelope (an object
// or its JSON text) by the member keys given (key lines or parseKey
// results): each must be by one of them, and verify. Returns the signers'
// names and the decoded payload.
export async function verifyRecord(envelope, memberKeys) {
  let env = envelope;
  if (typeof env === "string" || env instanceof Uint8Array) {
    try {
      env = JSON.parse(typeof env === "string" ? env : utf8.decode(env));
    } catch {
      fail("malformed", "envelope: not JSON");
    }
  }
  if (!env || typeof env !== "object" || typeof env.payload !== "string" || !Array.isArray(env.signatures)) fail("malformed", "envelope: not a DSSE envelope");
  if (env.payloadType !== PAYLOAD_TYPE) fail("dsse", `envelope: payloadType ${quote(env.payloadType)}, want ${PAYLOAD_TYPE}`);
  if (env.signatures.length === 0) fail("dsse", "envelope: no signatures");
  const keys = [];
  for (const k of memberKeys) keys.push(typeof k === "string" ? await parseKey(k) : k);
  const payload = unbase64(env.payload);
  const t = enc.encode(PAYLOAD_TYPE);
  const pae = concat(enc.encode(`DSSEv1 ${t.length} `), t, enc.encode(` ${payload.length} `), payload);
  const signers = [];
  for (const [i, s] of env.signatures.entries()) {
    const key = keys.find((k) => k.keyID === s?.keyid);
    if (!key) fail("dsse", `signatures[${i}]: no member key ${quote(s?.keyid)} among the ${keys.length} given`);
    if (!(await ed25519Verify(key.pub, unbase64(s.sig), pae))) fail("dsse", `signatures[${i}].sig: signature by key ${key.keyID} (${key.name}) does not verify`);
    signers.push(key.name);
  }
  return { signers, payload };
}

// parseLeaf reads a truce log entry (FORMAT.md §4): {kind: "public",
// envelope} or {kind: "restricted", type, visibility, authors, ...}.
export function parseLeaf(entry) {
  let v;
  try {
    v = JSON.parse(utf8.decode(entry));
  } catch {
    fail("malformed", "entry: not JSON");
  }
  if (v?.leaf === "truce.public.v1" && v.envelope) return { kind: "public", envelope: v.envelope };
  if (v?.leaf === "truce.restricted.v1") return { kind: "restricted", ...v };
  fail("malformed", `entry: not a truce leaf (${quote(v?.leaf)})`);
}

// verifyRestricted checks, for a reader in a restricted record's audience,
// that a log entry is the leaf of the record it was given (FORMAT.md §4):
// the salted digest of the canonical envelope and the routing metadata
// (type, visibility, created, audience, authors) must be the leaf's; then
// the envelope's DSSE signatures by memberKeys, as verifyRecord. The
// envelope is its canonical JSON text, or the object parsed from it (an
// API answer's): parsing keeps the canonical order of members, and a
// truce envelope's strings need no escapes, so JSON.stringify gives the
// canonical bytes back.
export async function verifyRestricted(entry, envelope, saltHex, memberKeys) {
  const leaf = parseLeaf(typeof entry === "string" ? enc.encode(entry) : entry);
  if (leaf.kind !== "restricted") fail("record", "the log's entry is not a restricted record's");
  let text = envelope;
  if (typeof text !== "string") text = JSON.stringify(text);
  let env;
  try { env = JSON.parse(text); } catch { fail("malformed", "envelope: not JSON"); }
  text = JSON.stringify(env);
  const digest = "sha256:" + hex(await sha256(concat(unhex(saltHex), enc.encode(text))));
  if (digest !== leaf.digest) fail("record", `the log's entry is not this record: its digest is ${quote(leaf.digest)}, the record's ${digest}`);
  const { signers, payload } = await verifyRecord(env, memberKeys);
  let rec;
  try { rec = JSON.parse(utf8.decode(payload)); } catch { fail("malformed", "record: not JSON"); }
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const [what, a, b] of [["type", leaf.type, rec.type], ["visibility", leaf.visibility, rec.visibility],
    ["created", leaf.created, rec.created], ["audience", leaf.audience, rec.visibility === "addressed" ? rec.audience : undefined],
    ["authors", leaf.authors, env.signatures.map((s) => s.keyid)]]) {
    if (!same(a, b)) fail("record", `the log's entry is not this record: its ${what} is ${quote(JSON.stringify(a))}, the record's ${quote(JSON.stringify(b))}`);
  }
  return { signers, payload };
}

// ---- For a page ----

// verifyLog does what a reader's page needs, in order: the checkpoint
// (fetched from base) signed by the log key, its cosignatures by k of the
// witnesses, consistency with previous (a checkpoint's text seen before,
// or ""), and, if index is a number, the entry's inclusion and, for a
// public record, its DSSE signatures by memberKeys. It returns what it
// verified; the page keeps result.checkpoint.raw as the next previous.
export async function verifyLog({ base = "/", logKey, witnessKeys = [], minWitnesses = 0, previous = "", index = null, memberKeys = null, fetchFn }) {
  const tiles = new Tiles(base, fetchFn);
  const key = await parseKey(logKey);
  const raw = await tiles.load("checkpoint");
  if (!raw) fail("unavailable", "the log has no checkpoint");
  let text;
  try { text = utf8.decode(raw); } catch { fail("malformed", "checkpoint: not UTF-8"); }
  const cp = await openCheckpoint(text, key);
  const out = { checkpoint: cp, cosigners: [] };
  if (witnessKeys.length > 0) out.cosigners = await verifyCosignatures(cp, witnessKeys, minWitnesses);
  if (previous) {
    let prev;
    try {
      prev = await openCheckpoint(previous, key);
    } catch (e) {
      // A stored checkpoint that no longer opens is the reader's problem,
      // not the log's: say so rather than blame the log.
      if (!(e instanceof VerifyError)) throw e;
      throw new VerifyError(e.reason, `the checkpoint seen before: ${e.message}`);
    }
    await verifyExtends(tiles, prev, cp);
    out.previousSize = prev.size;
  }
  if (index !== null && index !== undefined) {
    const { entry, leafHash: lh } = await verifyEntry(tiles, cp, index);
    out.entry = entry;
    out.leafHash = hex(lh);
    if (memberKeys) {
      const leaf = parseLeaf(entry);
      out.leaf = leaf;
      if (leaf.kind === "public") out.signers = (await verifyRecord(leaf.envelope, memberKeys)).signers;
    }
  }
  return out;
}

// check awaits p and returns {ok: true, value} or {ok: false, reason,
// message}; an error that is not a VerifyError is a bug of the verifier,
// reported as reason "bug" so that a test can tell.
export async function check(p) {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    if (e instanceof VerifyError) return { ok: false, reason: e.reason, message: e.message };
    return { ok: false, reason: "bug", message: `${e?.name}: ${e?.message}` };
  }
}
