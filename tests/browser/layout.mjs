// The reading aids of the statement and the print layout, in headless
// Chromium, on a built site:
//
//   node layout.mjs BUILT_SITE_DIR [--max-pages N] [--max-cookie-pages N]
//
// For every language's privacy statement and cookie declaration:
//   - at 1280 px the table of contents is sticky beside the text: after
//     scrolling to the middle of the page its heading is still in the
//     window, left of the text column, and the "back to contents" link is
//     not shown;
//   - at 390 px the contents are in the flow (not sticky), and in the middle
//     of the statement the "back to contents" link is inside the window;
//     following it brings the contents into view;
//   - no page is wider than the window (no sideways scrolling);
//   - printed (A4, the stylesheet's @page), the statement takes at most
//     --max-pages pages and the cookie declaration at most
//     --max-cookie-pages (when given), and the contents and the link are
//     not printed.
// Exit status 0 when all pass, 1 on a failed check, 2 when the tooling failed.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve, launchChromium, watchPage, shutdown } from './lib.mjs';

// The page kinds by the file the site's index links to, found from the root
// index: every language's privacy and cookie page.
function pagesOf(dir) {
  const out = [];
  for (const lang of fs.readdirSync(dir)) {
    const d = path.join(dir, lang);
    if (!fs.statSync(d).isDirectory() || !fs.existsSync(path.join(dir, 'api', `${lang}.json`))) continue;
    for (const sub of fs.readdirSync(d)) {
      const f = path.join(d, sub, 'index.html');
      if (!fs.existsSync(f)) continue;
      const html = fs.readFileSync(f, 'utf8');
      if (!/class="?pv-toc/.test(html)) continue;
      out.push({ rel: `${lang}/${sub}/`, privacy: /class="?pv-back/.test(html) });
    }
  }
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'max-pages': { type: 'string' }, 'max-cookie-pages': { type: 'string' } } });
  const dir = positionals[0];
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error('usage: node layout.mjs BUILT_SITE_DIR [--max-pages N] [--max-cookie-pages N]');
    return 2;
  }
  const pages = pagesOf(dir);
  if (pages.filter((p) => p.privacy).length === 0) { console.error('layout: no privacy statement found'); return 2; }
  const site = await serve(dir);
  const browser = await launchChromium();
  const failures = [];
  const counts = [];
  let checks = 0;
  const check = (ok, msg) => { checks++; if (!ok) failures.push(msg); };
  try {
    for (const p of pages) {
      // Wide screen: sticky contents.
      let page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      let seen = await watchPage(page);
      await page.goto(site.url + p.rel);
      let r = await page.evaluate(() => {
        window.scrollTo(0, Math.floor(document.documentElement.scrollHeight / 2));
        const toc = document.querySelector('.pv-toc');
        const h = toc.querySelector('h2').getBoundingClientRect();
        const text = document.querySelector('.pv-main > section:last-of-type').getBoundingClientRect();
        const back = document.querySelector('.pv-back');
        return {
          position: getComputedStyle(toc).position, top: h.top, bottom: h.bottom, right: toc.getBoundingClientRect().right,
          textLeft: text.left, inner: innerHeight, back: back ? getComputedStyle(back).display : 'none',
          scrollWidth: document.documentElement.scrollWidth, width: innerWidth,
        };
      });
      check(r.position === 'sticky', `${p.rel} 1280: the contents are ${r.position}, not sticky`);
      check(r.top >= 0 && r.bottom <= r.inner, `${p.rel} 1280: the contents heading is out of the window mid-page (top ${r.top})`);
      check(r.right <= r.textLeft, `${p.rel} 1280: the contents overlap the text (${r.right} > ${r.textLeft})`);
      check(r.back === 'none', `${p.rel} 1280: "back to contents" is shown beside sticky contents`);
      check(r.scrollWidth <= r.width, `${p.rel} 1280: the page is ${r.scrollWidth} px wide`);
      // Print.
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const n = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      counts.push(`${p.rel} ${n}`);
      const max = p.privacy ? values['max-pages'] : values['max-cookie-pages'];
      if (max) check(n <= Number(max), `${p.rel}: prints on ${n} pages, more than ${max}`);
      await page.emulateMedia({ media: 'print' });
      r = await page.evaluate(() => [...document.querySelectorAll('.pv-toc, .pv-back')].map((e) => getComputedStyle(e).display));
      check(r.every((d) => d === 'none'), `${p.rel}: contents or "back to contents" printed`);
      for (const e of [...seen.consoleErrors, ...seen.failedRequests, ...seen.external]) failures.push(`${p.rel} 1280: ${e}`);
      await page.close();

      // Phone: contents in the flow, the link at the foot of the window.
      page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
      seen = await watchPage(page);
      await page.goto(site.url + p.rel);
      r = await page.evaluate(() => {
        window.scrollTo(0, Math.floor(document.documentElement.scrollHeight / 2));
        const a = document.querySelector('.pv-back a');
        const rect = a ? a.getBoundingClientRect() : null;
        return {
          position: getComputedStyle(document.querySelector('.pv-toc')).position,
          link: rect && { top: rect.top, bottom: rect.bottom, display: getComputedStyle(a.parentElement).display }, inner: innerHeight,
          scrollWidth: document.documentElement.scrollWidth, width: innerWidth,
        };
      });
      check(r.position === 'static', `${p.rel} 390: the contents are ${r.position}`);
      check(r.scrollWidth <= r.width, `${p.rel} 390: the page is ${r.scrollWidth} px wide`);
      if (p.privacy) {
        check(r.link && r.link.display !== 'none' && r.link.top >= 0 && r.link.bottom <= r.inner, `${p.rel} 390: "back to contents" is not in the window mid-page (${JSON.stringify(r.link)})`);
        await page.click('.pv-back a');
        const back = await page.evaluate(() => ({ hash: location.hash, top: document.getElementById('pv-toc').getBoundingClientRect().top, inner: innerHeight }));
        check(back.hash === '#pv-toc' && back.top >= -1 && back.top < back.inner, `${p.rel} 390: following "back to contents" does not show the contents (${JSON.stringify(back)})`);
      }
      for (const e of [...seen.consoleErrors, ...seen.failedRequests, ...seen.external]) failures.push(`${p.rel} 390: ${e}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`layout: print pages: ${counts.join(', ')}`);
  console.log(`layout: ${pages.length} pages, ${checks} checks, ${failures.length} failures`);
  return failures.length ? 1 : 0;
}

main().then((code) => shutdown(code), (err) => { console.error(`layout: ${err.stack || err}`); shutdown(2); });
