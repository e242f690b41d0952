// The HTML check of built personvern sites: every page through the Nu Html
// Checker and through axe-core in headless Chromium. Run it via check.sh.
//
//   node check.mjs [--screenshots OUTDIR] [--max-messages N] DIR...
//
// Each DIR is a built site, served as its own root on 127.0.0.1. A page
// passes with 0 validator errors (warnings are listed), 0 axe violations
// (WCAG 2.0/2.1 A and AA), 0 console errors, 0 failed requests and 0
// requests to a host that is not loopback (those are blocked). The last line
// is the summary. Exit status: 0 all pages pass, 1 findings, 2 tool error.
// --screenshots writes OUTDIR/[<site>/]<page>.desktop.png (1280 px),
// .mobile.png (390 px, phone emulation), both full-page, and .print.pdf.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { htmlFiles, isExternal, launchChromium, onShutdown, serve, shutdown, shuttingDown, watchPage } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // Two experimental WCAG A rules that matter on pages full of cookie tables.
  rules: { 'td-has-header': { enabled: true }, 'table-fake-caption': { enabled: true } },
  resultTypes: ['violations'],
};
const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');
// C1-only JIT and the serial GC start vnu about twice as fast on 2 cores; vnu needs >= 512k of stack.
const JAVA_OPTS = (process.env.PERSONVERN_JAVA_OPTS || '-Xss4m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC').split(/\s+/).filter(Boolean);
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };

function usage(message) {
  if (message) console.error(`browser-check: ${message}`);
  console.error('usage: tests/browser/check.sh [--screenshots OUTDIR] [--max-messages N] DIR...');
  process.exit(2);
}

// --- Nu Html Checker over all files at once (one JVM), while the browser works.
function runVnu(files) {
  return new Promise((resolve, reject) => {
    const args = [...JAVA_OPTS, '-jar', VNU_JAR, '--format', 'json', '--stdout', '--exit-zero-always', '--asciiquotes', ...files];
    const java = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    onShutdown(() => java.kill());
    let out = '';
    let err = '';
    java.stdout.on('data', (d) => { out += d; });
    java.stderr.on('data', (d) => { err += d; });
    java.on('error', (e) => reject(new Error(`java: ${e.message} (run tests/browser/install.sh)`)));
    java.on('close', (code) => {
      if (code !== 0) return reject(new Error(`vnu exited with ${code}: ${err.trim()}`));
      try { resolve(JSON.parse(out)); } catch (e) { reject(new Error(`vnu output is not JSON: ${e.message}`)); }
    });
  });
}

// Runs in the page: resources that point off the machine without having
// been requested (lazy images, print styles, preconnects...).
function externalRefs() {
  const refs = [];
  const add = (u) => { try { if (u && u.trim()) refs.push(new URL(u.trim(), document.baseURI).href); } catch { /* not a URL */ } };
  for (const el of document.querySelectorAll('[src], [srcset], [imagesrcset], [poster], object[data]')) {
    for (const a of ['src', 'poster', 'data']) add(el.getAttribute(a));
    for (const a of ['srcset', 'imagesrcset']) for (const part of (el.getAttribute(a) || '').split(',')) add(part.trim().split(/\s+/)[0]);
  }
  const resource = /\b(stylesheet|icon|apple-touch-icon|mask-icon|manifest|preload|modulepreload|prefetch|preconnect|dns-prefetch)\b/i;
  for (const el of document.querySelectorAll('link[href]')) if (resource.test(el.rel)) add(el.getAttribute('href'));
  const css = [...document.querySelectorAll('style')].map((s) => s.textContent)
    .concat([...document.querySelectorAll('[style]')].map((e) => e.getAttribute('style')));
  for (const text of css) for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/gi)) add(m[2] || m[4]);
  return refs;
}

// A tab and what it sees; a tab whose page failed is replaced (it may have crashed).
async function openTab(context) {
  const page = await context.newPage();
  return { page, seen: await watchPage(page) };
}
async function replaceTab(tab, context) {
  await tab.page.close().catch(() => {});
  return openTab(context);
}
const firstLine = (e) => String((e && e.message) || e).split('\n')[0];

async function visit(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  // Web fonts (at most 5 s), so that screenshots and the contrast rule see the final text.
  await page.evaluate(() => Promise.race([document.fonts.ready, new Promise((r) => { setTimeout(r, 5000); })]));
}

async function main() {
  let opts;
  try {
    opts = parseArgs({ allowPositionals: true, options: { screenshots: { type: 'string' }, 'max-messages': { type: 'string', default: '20' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) { usage(e.message); }
  if (opts.values.help) usage();
  const dirs = opts.positionals;
  const maxMessages = Number(opts.values['max-messages']);
  if (!dirs.length) usage('no folder given');
  if (!Number.isInteger(maxMessages) || maxMessages < 0) usage('--max-messages needs a number');
  const shots = opts.values.screenshots ? path.resolve(opts.values.screenshots) : null;

  // Sites and pages; a site's screenshots go to OUTDIR/<its folder name>/ when there are several.
  const sites = [];
  const names = new Set();
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) usage(`not a folder: ${dir}`);
    const files = htmlFiles(dir);
    if (!files.length) usage(`no .html files under ${dir}`);
    let name = path.basename(path.resolve(dir));
    for (let i = 2; names.has(name); i++) name = `${path.basename(path.resolve(dir))}-${i}`;
    names.add(name);
    const root = fs.realpathSync(dir);
    sites.push({ dir, root, shotsDir: shots && (dirs.length > 1 ? path.join(shots, name) : shots), pages: files.map((file) => ({ file, abs: path.join(root, file) })) });
  }
  const allPages = sites.flatMap((s) => s.pages);
  const t0 = Date.now();
  let tVnu = null;
  const vnu = runVnu(allPages.map((p) => p.abs)).then((r) => { tVnu = Date.now(); return r; });
  vnu.catch(() => {}); // awaited below

  const browser = await launchChromium();
  const desktop = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', serviceWorkers: 'block' });
  const mobile = shots && await browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 1, reducedMotion: 'reduce', serviceWorkers: 'block' });
  // One tab per viewport, reused: a new tab is a new renderer, about 1 s a page on 2 cores.
  let tab = await openTab(desktop);
  let mtab = mobile && await openTab(mobile);

  for (const site of sites) {
    const server = await serve(site.root);
    site.url = server.url;
    for (const p of site.pages) {
      const url = server.url + p.file.split('/').map(encodeURIComponent).join('/');
      const base = site.shotsDir && path.join(site.shotsDir, p.file.replace(/\.html?$/i, ''));
      Object.assign(p, { axe: [], unrequested: [], loadErrors: [] });
      tab.seen.reset();
      if (mtab) mtab.seen.reset();
      try {
        await visit(tab.page, url);
        if (base) {
          fs.mkdirSync(path.dirname(base), { recursive: true });
          await tab.page.screenshot({ path: `${base}.desktop.png`, fullPage: true, animations: 'disabled' });
          await tab.page.pdf({ path: `${base}.print.pdf`, format: 'A4', printBackground: true });
        }
        const refs = await tab.page.evaluate(externalRefs);
        await tab.page.evaluate(AXE_SOURCE); // over CDP, so the page's CSP does not stop it
        p.axe = await tab.page.evaluate(async (o) => (await window.axe.run(document, o)).violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
        })), AXE_OPTIONS);
        await tab.page.goto('about:blank');
        p.unrequested = [...new Set(refs.filter(isExternal))];
      } catch (e) {
        p.loadErrors.push(firstLine(e));
        tab = await replaceTab(tab, desktop);
      }
      if (base && !p.loadErrors.length) {
        try {
          await visit(mtab.page, url);
          await mtab.page.screenshot({ path: `${base}.mobile.png`, fullPage: true, animations: 'disabled' });
          await mtab.page.goto('about:blank');
        } catch (e) {
          p.loadErrors.push(`mobile view: ${firstLine(e)}`);
          mtab = await replaceTab(mtab, mobile);
        }
      }
      // The phone tab loads the page again: what both tabs see counts once.
      const both = (key) => [...new Set([...tab.seen[key], ...(mtab ? mtab.seen[key] : [])])];
      p.consoleErrors = both('consoleErrors');
      p.failedRequests = both('failedRequests');
      p.external = both('external');
      p.unrequested = p.unrequested.filter((r) => !p.external.includes(r));
    }
    await server.close();
  }
  const versions = `chromium ${browser.version()}, playwright-core ${require('playwright-core/package.json').version}, axe-core ${require('axe-core/package.json').version}`;
  await browser.close();
  const tBrowser = Date.now();

  // Validator messages, per page.
  const report = await vnu;
  const byAbs = new Map(allPages.map((p) => [p.abs, Object.assign(p, { errors: [], warnings: [] })]));
  const stray = [];
  for (const m of report.messages || []) {
    const kind = m.type === 'error' || m.type === 'non-document-error' ? 'errors' : (m.subType === 'warning' ? 'warnings' : null);
    if (!kind) continue; // plain info
    let page = null;
    try { page = byAbs.get(fileURLToPath(m.url)); } catch { /* no file URL */ }
    const text = `${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'} ${m.message}`;
    if (page) page[kind].push(text); else stray.push(`${m.type}: ${m.message}`);
  }

  // Report.
  const t = { errors: stray.length, warnings: 0, axe: 0, console: 0, failed: 0, external: 0, load: 0 };
  const list = (label, items) => {
    for (const x of items.slice(0, maxMessages)) console.log(`        ${label} ${x}`);
    if (items.length > maxMessages) console.log(`        ... ${items.length - maxMessages} more ${label}s`);
  };
  console.log(`browser-check: ${allPages.length} pages in ${sites.length} folder${sites.length === 1 ? '' : 's'} (${versions}, vnu ${report.version || '?'})`);
  for (const site of sites) {
    console.log(`${site.dir} (${site.pages.length} pages, served at ${site.url})`);
    for (const p of site.pages) {
      t.errors += p.errors.length; t.warnings += p.warnings.length; t.axe += p.axe.length;
      t.console += p.consoleErrors.length; t.failed += p.failedRequests.length; t.external += p.external.length + p.unrequested.length; t.load += p.loadErrors.length;
      const bad = p.errors.length + p.axe.length + p.consoleErrors.length + p.failedRequests.length + p.external.length + p.unrequested.length + p.loadErrors.length;
      console.log(`  ${bad ? 'FAIL' : (p.warnings.length ? 'warn' : 'ok  ')}  ${p.file}`);
      list('page failed:', p.loadErrors);
      list('validator error', p.errors);
      list('validator warning', p.warnings);
      list('axe', p.axe.map((v) => `${v.id} (${v.impact}, ${v.nodes} element${v.nodes === 1 ? '' : 's'}): ${v.help} [${v.target}]`));
      list('console error:', p.consoleErrors);
      list('failed request:', p.failedRequests);
      list('external request (blocked):', p.external);
      list('external reference (not loaded):', p.unrequested);
    }
  }
  if (stray.length) { console.log('validator messages not tied to a page:'); list('validator', stray); }
  if (shots) console.log(`browser-check: screenshots and print PDFs in ${shots}`);
  const secs = (a, b) => (b === null ? '?' : ((b - a) / 1000).toFixed(1));
  console.log(`browser-check: validator ${secs(t0, tVnu)} s, browser ${secs(t0, tBrowser)} s, total ${secs(t0, Date.now())} s`);
  const failed = t.errors + t.axe + t.console + t.failed + t.external + t.load;
  console.log(`browser-check: ${allPages.length} pages, ${t.errors} validator errors, ${t.warnings} validator warnings, ${t.axe} axe violations, `
    + `${t.console} console errors, ${t.failed} failed requests, ${t.external} external requests${t.load ? `, ${t.load} pages that failed to load` : ''}: ${failed ? 'FAILED' : 'ok'}`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  if (!shuttingDown()) console.error(`browser-check: ${e && e.stack ? e.stack : e}`);
  shutdown(2);
});
