// Shows each recorded time in the reader's own zone beside its UTC form
// (the page is rendered in UTC: the server does not know the zone).
const lang = document.documentElement.lang || "en";
let fmt;
try {
  fmt = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
} catch {
  fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
}
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone && zone !== "UTC" && zone !== "Etc/UTC") {
  for (const el of document.querySelectorAll("time.ts[datetime]")) {
    const d = new Date(el.getAttribute("datetime"));
    if (Number.isNaN(d.getTime())) continue;
    const local = document.createElement("span");
    local.className = "local";
    local.textContent = fmt.format(d) + " · ";
    el.prepend(local);
  }
}
