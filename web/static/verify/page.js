// The glue between a server-rendered page and the verifier (verify.js): it
// reads what to verify from an element's data attributes, runs verifyLog,
// keeps the last checkpoint verified in the browser's storage, and writes
// the outcome on the element (data-verify="ok|fail", data-reason) and, in
// words the page gave it, into its live region. The page stays readable
// without JavaScript: the element says so until this runs.
//
// <section data-verify-log data-log-key="ORIGIN+HASH+BASE64"
//     data-witness-keys='["NAME+HASH+BASE64", ...]' data-min-witnesses="1"
//     data-index="42" data-member-keys='["NAME+HASH+BASE64", ...]'
//     data-record='{"envelope": {...}, "salt": "HEX"}'>   (audience only)
//   <p data-verify-status role="status" aria-live="polite"
//      data-msg-ok="Verified in your browser: entry {index} is in the log of {size} entries, cosigned by {cosigners}, signed by {signers}."
//      data-msg-fail="Verification failed ({reason}): {message}">Not verified: this needs JavaScript.</p>
// </section>
//
// Every data attribute but data-log-key is optional; data-base is the
// log's URL (default "/").
import { verifyLog, verifyRestricted, check, VerifyError } from "./verify.js";

// storageKey is where the last checkpoint verified for a log is kept.
export const storageKey = (origin) => `truce:checkpoint:${origin}`;

function json(el, name, fallback) {
  const v = el.dataset[name];
  if (v === undefined || v === "") return fallback;
  try {
    return JSON.parse(v);
  } catch {
    throw new VerifyError("malformed", `the page's data-${name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())} is not JSON`);
  }
}

// fill puts values into the page's words; numbers are written in the
// page's language's digits, as the server writes them (Pashto and Dari in
// their own script).
function fill(template, values) {
  const digits = new Intl.NumberFormat(document.documentElement.lang || undefined, { useGrouping: false });
  const show = (v) => (/^\d+$/.test(String(v)) ? digits.format(Number(v)) : String(v));
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? show(values[k]) : m));
}

// run verifies what el describes and shows the outcome; it returns check()'s
// result. storage is the browser's localStorage unless given.
export async function run(el, storage = globalThis.localStorage) {
  el.dataset.verify = "pending";
  const result = await check((async () => {
    const logKey = el.dataset.logKey;
    const origin = (logKey || "").split("+", 1)[0];
    const index = el.dataset.index === undefined || el.dataset.index === "" ? null : Number(el.dataset.index);
    const memberKeys = json(el, "memberKeys", null);
    const record = json(el, "record", null);
    let previous = "";
    try { previous = storage?.getItem(storageKey(origin)) || ""; } catch { /* storage off: no history */ }
    const out = await verifyLog({
      base: el.dataset.base || "/", logKey, previous, index,
      witnessKeys: json(el, "witnessKeys", []), minWitnesses: Number(el.dataset.minWitnesses || 0),
      memberKeys: record ? null : memberKeys,
    });
    if (record && out.entry) {
      out.signers = (await verifyRestricted(out.entry, record.envelope, record.salt, memberKeys || [])).signers;
    }
    // Only a checkpoint that passed every check replaces the one kept: a
    // refused one (a rollback, a fork) leaves the evidence in place.
    try { storage?.setItem(storageKey(origin), out.checkpoint.raw); } catch { /* storage full or off */ }
    return out;
  })());
  const status = el.querySelector("[data-verify-status]");
  if (result.ok) {
    const v = result.value;
    el.dataset.verify = "ok";
    el.dataset.size = v.checkpoint.size;
    if (v.leafHash) el.dataset.leafHash = v.leafHash;
    delete el.dataset.reason;
    if (status) {
      // The words are the page's (in its language); this fills in values.
      status.textContent = fill(status.dataset.msgOk || "Verified: {size} entries.", {
        index: el.dataset.index ?? "", size: v.checkpoint.size, leafHash: v.leafHash ?? "",
        cosigners: v.cosigners.join(", "), signers: (v.signers || []).join(", "),
      });
    }
  } else {
    el.dataset.verify = "fail";
    el.dataset.reason = result.reason;
    if (status) status.textContent = fill(status.dataset.msgFail || "Verification failed ({reason}): {message}", result);
  }
  return result;
}

// A page that loads this module verifies each element marked for it.
if (typeof document !== "undefined") {
  for (const el of document.querySelectorAll("[data-verify-log]")) run(el);
}
