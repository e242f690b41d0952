// Shared pieces of personvern's browser tests: serve a folder on loopback,
// launch Debian's headless Chromium, and watch a page for console errors,
// failed requests and requests that leave the machine.
//
//   import { serve, launchChromium, watchPage } from './lib.mjs';
//   const site = await serve('public/');          // site.url = 'http://127.0.0.1:PORT/'
//   const browser = await launchChromium();
//   const page = await browser.newPage();
//   const seen = await watchPage(page);           // blocks non-loopback requests
//   await page.goto(site.url + 'nb/personvern/');
//   ... seen.consoleErrors, seen.failedRequests, seen.external ...
//   await browser.close(); await site.close();
//
// Environment: PERSONVERN_CHROMIUM (default /usr/bin/chromium).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.PERSONVERN_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

// --- shutdown: close what we started (browser, server, vnu) on exit or a signal
const shutdownHooks = [];
export function onShutdown(fn) { shutdownHooks.push(fn); }
let stopping = null;
// Runs the hooks (5 s at most), then exits with `code`; only the first call counts.
export function shutdown(code) {
  stopping ||= Promise.race([
    Promise.allSettled(shutdownHooks.map((fn) => fn())),
    new Promise((resolve) => { setTimeout(resolve, 5000).unref(); }),
  ]).then(() => process.exit(code));
  return stopping;
}
// True once a signal (or an error) has started the shutdown: errors that
// follow (a closed browser, a killed vnu) are expected.
export function shuttingDown() { return stopping !== null; }
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.once(signal, () => { shutdown(code); });
}

// --- hosts: only loopback may be contacted
export function isLoopbackHost(host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}
// A network URL (http, https, ws, wss, ftp) to a host other than loopback.
export function isExternal(url) {
  let u;
  try { u = new URL(url); } catch { return false; }
  return ['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(u.protocol) && !isLoopbackHost(u.hostname);
}

// --- static server: DIR as the site root on 127.0.0.1, on a port the kernel picks
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.pdf': 'application/pdf',
};
export async function serve(dir) {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { rel = null; }
    let file = rel === null ? null : path.join(root, rel);
    if (file && file !== root && !file.startsWith(root + path.sep)) file = null;
    try {
      if (file && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!file || !fs.statSync(file).isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  onShutdown(close);
  return { url: `http://127.0.0.1:${server.address().port}/`, root, close };
}

// --- Chromium: Debian's binary, never a downloaded one. Playwright gives every
// launch a fresh temporary --user-data-dir and deletes it on close (it refuses
// the flag in args).
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (run tests/browser/install.sh)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60000,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // onShutdown closes it
  });
  onShutdown(() => browser.close());
  return browser;
}

// --- watch a page: every request to a non-loopback host is blocked and
// recorded in `external`; console errors, uncaught exceptions and failed
// requests (network errors, HTTP >= 400) are recorded. reset() empties the
// lists (call it before each navigation when a page is reused).
export async function watchPage(page) {
  const seen = {
    consoleErrors: [], failedRequests: [], external: new Set(),
    reset() { this.consoleErrors = []; this.failedRequests = []; this.external = new Set(); },
  };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (!isExternal(url)) return route.continue();
    seen.external.add(url);
    return route.abort('blockedbyclient');
  });
  page.on('websocket', (ws) => { if (isExternal(ws.url())) seen.external.add(ws.url()); });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url = '', lineNumber } = msg.location() || {};
    if (seen.external.has(url)) return; // a blocked request: already counted as external
    seen.consoleErrors.push(url ? `${msg.text()} (${url}${lineNumber != null ? `:${lineNumber}` : ''})` : msg.text());
  });
  page.on('pageerror', (err) => { seen.consoleErrors.push(`uncaught ${err.name || 'Error'}: ${err.message}`); });
  page.on('requestfailed', (req) => {
    const why = (req.failure() || {}).errorText || 'failed';
    // ERR_ABORTED: cancelled because the tab moved on, not a fault of the page.
    if (seen.external.has(req.url()) || why === 'net::ERR_ABORTED') return;
    seen.failedRequests.push(`${why} ${req.url()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) seen.failedRequests.push(`HTTP ${res.status()} ${res.url()}`);
  });
  return seen;
}

// Every .html/.htm file under dir, as sorted paths relative to it.
export function htmlFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.html?$/i.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
