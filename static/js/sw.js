/* Son La Learning City: the offline copy of the pages a visitor opened (our own code, no
   framework). Served as /sw.js by apps/core/offline.py, which writes self.SW_CONFIG in front.

   - the site's look (CSS, this worker's helper) is kept at installation: static files are
     answered from the copy first (their names change with their content);
   - pages: from the network first; each page that arrives is kept with the time it was saved,
     unless it is private: a signed-in page (<html data-offline="never">), a page with a form
     that posts, a page marked private or no-store, the workspace, sign-in or the admin;
   - without a network (or a server that does not answer) the saved copy is shown with the
     notice "You are offline: this page was saved on <date>" in the page's language;
   - the pictures those pages show (public media: photos of spaces, clubs, events, stories,
     awarded works) are kept as they arrive, the most recent maxPictures, and answered from the
     copy first: an uploaded picture's name is new for each upload, never reused;
   - caches are named by version; a new worker removes the old ones when it takes over. */
"use strict";

const CONFIG = self.SW_CONFIG;
const PREFIX = "slc-";
const STATIC_CACHE = PREFIX + "static-" + CONFIG.version;
const PAGES_CACHE = PREFIX + "pages-" + CONFIG.pagesVersion;
const PICTURES_CACHE = PREFIX + "pictures-" + CONFIG.picturesVersion;
const SAVED_AT = "x-offline-saved-at";
const PRIVATE_CONTROL = /private|no-store|no-cache/i;
const NEVER_MARK = 'data-offline="never"';
const POSTING_FORM = /<form\b[^>]*\bmethod=["']?post/i;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then((cache) => cache.addAll(CONFIG.precache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  const current = [STATIC_CACHE, PAGES_CACHE, PICTURES_CACHE];
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && !current.includes(name))
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

// A page asks for its language's start pages (home, learning spaces) to be kept.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep-start-pages") return;
  const pages = CONFIG.startPages[data.lang] || [];
  event.waitUntil(caches.open(PAGES_CACHE).then((cache) => Promise.all(pages.map(async (path) => {
    const url = new URL(path, self.location.origin).href;
    if (await cache.match(url, { ignoreVary: true })) return;
    try {
      await keep(url, await fetch(url, { credentials: "same-origin" }));
    } catch (error) {
      // No network now: the page is kept when the visitor opens it.
    }
  }))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(staticFile(request));
  } else if (url.pathname.startsWith(CONFIG.mediaUrl) && request.destination === "image") {
    event.respondWith(picture(event, request));
  } else if (request.mode === "navigate" && !isPrivatePath(url.pathname)) {
    event.respondWith(page(event, request));
  }
});

function isPrivatePath(path) {
  return CONFIG.private.some((prefix) => path.startsWith(prefix));
}

// Static files ------------------------------------------------------------------------------

async function staticFile(request) {
  const cache = await caches.open(STATIC_CACHE);
  const saved = await cache.match(request, { ignoreVary: true });
  if (saved) return saved;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Offline, and a page saved before a new version of the site asks for the file under its
    // old name: the same file under its new name will do (site.abc123.css for site.def456.css).
    return (await sameFileAnyVersion(cache, request)) || Response.error();
  }
}

function withoutHash(path) {
  return path.replace(/\.[0-9a-f]{8,}(\.[a-z0-9]+)$/i, "$1");
}

async function sameFileAnyVersion(cache, request) {
  const wanted = withoutHash(new URL(request.url).pathname);
  for (const key of await cache.keys()) {
    if (withoutHash(new URL(key.url).pathname) === wanted) return cache.match(key);
  }
  return null;
}

// Pictures ----------------------------------------------------------------------------------

async function picture(event, request) {
  const cache = await caches.open(PICTURES_CACHE);
  const saved = await cache.match(request.url, { ignoreVary: true });
  if (saved) return saved;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return Response.error();  // offline, never seen: the picture's text alternative shows
  }
  const type = response.headers.get("content-type") || "";
  if (response.ok && response.type === "basic" && type.startsWith("image/")
      && !PRIVATE_CONTROL.test(response.headers.get("cache-control") || "")) {
    // Kept after the picture is shown; a full phone (quota) only means it is not kept.
    event.waitUntil(keepPicture(cache, request.url, response.clone()).catch(() => null));
  }
  return response;
}

async function keepPicture(cache, url, response) {
  await cache.put(url, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - CONFIG.maxPictures))) {
    await cache.delete(old);
  }
}

// Pages -------------------------------------------------------------------------------------

async function page(event, request) {
  const url = request.url.split("#")[0];
  const network = fetch(request);
  // What arrives is kept, even after the saved copy was shown for a slow answer.
  event.waitUntil(network.then((response) => keep(url, response.clone())).catch(() => null));
  try {
    const response = await answerInTime(network, url);
    if (response.status >= 502 && response.status <= 504) {
      return (await savedCopy(url)) || response;
    }
    return response;
  } catch (error) {
    return (await savedCopy(url)) || nothingSaved(url);
  }
}

// The network's answer; on a connection that hangs, the saved copy after networkTimeout.
function answerInTime(network, url) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(async () => {
      const saved = await savedCopy(url);
      if (saved) resolve(saved);
    }, CONFIG.networkTimeout);
    network.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function isKeepable(response) {
  const type = response.headers.get("content-type") || "";
  return response.status === 200 && response.type === "basic" && !response.redirected
    && type.startsWith("text/html")
    && !PRIVATE_CONTROL.test(response.headers.get("cache-control") || "");
}

async function keep(url, response) {
  if (!isKeepable(response)) return;
  const html = await response.text();
  if (html.includes(NEVER_MARK) || POSTING_FORM.test(html)) return;
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  headers.set(SAVED_AT, new Date().toISOString());
  const title = unescapeHtml((html.match(/<title>([^<]*)<\/title>/) || [])[1] || url);
  headers.set("x-offline-title", encodeURIComponent(title.trim()));
  const cache = await caches.open(PAGES_CACHE);
  await cache.delete(url, { ignoreVary: true });
  await cache.put(url, new Response(html, { status: 200, headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - CONFIG.maxPages))) {
    await cache.delete(old);
  }
}

async function savedCopy(url) {
  const cache = await caches.open(PAGES_CACHE);
  const saved = await cache.match(url, { ignoreVary: true });
  return saved ? withNotice(saved) : null;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
}

function unescapeHtml(text) {
  const named = { amp: "&", lt: "<", gt: ">", quot: '"' };
  return text.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot);/gi, (all, code) => {
    if (named[code]) return named[code];
    const number = code[1] === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return Number.isNaN(number) ? all : String.fromCodePoint(number);
  });
}

function languageOf(text) {
  const found = /^\/([a-z]{2})\//.exec(text);
  return found && CONFIG.languages.includes(found[1]) ? found[1] : CONFIG.defaultLanguage;
}

function savedOn(iso, lang) {
  const options = { timeZone: CONFIG.timeZone };
  try {
    const moment = new Date(iso);
    const locale = CONFIG.locales[lang] || lang;
    const date = new Intl.DateTimeFormat(locale, { ...options, dateStyle: "long" }).format(moment);
    const time = new Intl.DateTimeFormat(locale, {
      ...options, hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).format(moment);
    return CONFIG.texts[lang].savedOn.replace("%(date)s", date).replace("%(time)s", time);
  } catch (error) {
    return iso;
  }
}

// The saved page with its notice shown: the notice is in every page, hidden (base.html).
async function withNotice(saved) {
  const iso = saved.headers.get(SAVED_AT) || "";
  let html = await saved.text();
  const lang = (/<html lang="([a-z]{2})"/.exec(html) || [])[1] || CONFIG.defaultLanguage;
  html = html
    .replace("data-offline-banner hidden", "data-offline-banner")
    .replace(
      "<time data-offline-saved></time>",
      '<time data-offline-saved datetime="' + escapeHtml(iso) + '">'
        + escapeHtml(savedOn(iso, lang)) + "</time>"
    );
  const headers = new Headers(saved.headers);
  headers.set("x-offline-copy", "1");
  return new Response(html, { status: 200, headers });
}

// Offline, and this page was never opened: say so, and list the pages that were.
async function nothingSaved(url) {
  const lang = languageOf(new URL(url).pathname);
  const texts = CONFIG.texts[lang];
  const cache = await caches.open(PAGES_CACHE);
  const links = [];
  for (const key of await cache.keys()) {
    const path = new URL(key.url).pathname;
    if (languageOf(path) !== lang) continue;
    const saved = await cache.match(key);
    const title = decodeURIComponent(saved.headers.get("x-offline-title") || path);
    links.push('<li><a href="' + escapeHtml(key.url) + '">' + escapeHtml(title) + "</a></li>");
  }
  const list = links.length ? "<p>" + escapeHtml(texts.body) + "</p><ul>" + links.join("") + "</ul>"
    : "<p>" + escapeHtml(texts.none) + "</p>";
  const html = '<!doctype html><html lang="' + lang + '"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + "<title>" + escapeHtml(texts.title) + "</title>"
    + '<link rel="stylesheet" href="' + escapeHtml(CONFIG.stylesheet) + '"></head>'
    + '<body><main id="main" class="wrap"><h1>' + escapeHtml(texts.title) + "</h1>" + list
    + "</main></body></html>";
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'self'; script-src 'none'; object-src 'none'",
    },
  });
}
