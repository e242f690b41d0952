// The body-only fragments (fragments/<lang>/*.html) embedded in a host page
// that has its own CSS reset and its own ids, as a CMS would embed them:
//
//   node fragment-host.mjs BUILT_SITE_DIR
//
// For every fragment, in two hosts — one with a Bootstrap-like reset (Reboot:
// headings, paragraphs and lists lose their top margin, tables put the
// caption at the bottom) and one with a blunt `* { margin: 0; padding: 0 }`
// reset — each also defining `#summary`, `#rights`, `#toc` and `#main` of its
// own, it checks in headless Chromium that:
//   - no id occurs twice in the composed page, and every id of the fragment
//     starts with `pv-`; every in-page link of the fragment finds its target;
//   - with personvern-fragment.css, section headings, card titles and cards
//     keep a top margin, cards their padding, lists their indent, and
//     consecutive cards and sections do not touch;
//   - table captions are above their table;
//   - nothing is requested from outside the machine, and nothing fails.
// Exit status 0 when all pass, 1 on a failed check, 2 when the tooling failed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launchChromium, watchPage, shutdown } from './lib.mjs';

const RESETS = {
  reboot: `*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: sans-serif; line-height: 1.5; }
h1, h2, h3, h4, h5, h6 { margin-top: 0; margin-bottom: .5rem; font-weight: 500; line-height: 1.2; }
p { margin-top: 0; margin-bottom: 1rem; }
ol, ul, dl { margin-top: 0; margin-bottom: 1rem; }
dt { font-weight: 700; } dd { margin-bottom: .5rem; margin-left: 0; }
table { caption-side: bottom; border-collapse: collapse; }
caption { padding-top: .5rem; padding-bottom: .5rem; color: #6c757d; text-align: left; }
section, article { display: block; }`,
  blunt: `* { margin: 0; padding: 0; border: 0; box-sizing: border-box; }
ol, ul { list-style: none; }
table { border-collapse: collapse; caption-side: bottom; }`,
};

const HOST_IDS = ['summary', 'rights', 'toc', 'main'];

function hostPage(reset, fragment, lang) {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Host</title>
<style>${reset}</style>
<link rel="stylesheet" href="/assets/personvern-fragment.css">
</head>
<body>
<header id="main"><nav id="toc"><a href="#summary">Host summary</a></nav></header>
<section id="summary"><h2>The host's own summary</h2><p id="rights">Host text.</p></section>
<article class="host-content">
${fragment}
</article>
</body>
</html>
`;
}

async function main() {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(path.join(dir, 'fragments'))) {
    console.error('usage: node fragment-host.mjs BUILT_SITE_DIR (with fragments/ and assets/)');
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-fragment-host-'));
  fs.mkdirSync(path.join(tmp, 'assets'));
  fs.copyFileSync(path.join(dir, 'assets', 'personvern-fragment.css'), path.join(tmp, 'assets', 'personvern-fragment.css'));
  const pages = [];
  for (const lang of fs.readdirSync(path.join(dir, 'fragments')).sort()) {
    for (const f of fs.readdirSync(path.join(dir, 'fragments', lang)).filter((x) => x.endsWith('.html')).sort()) {
      const fragment = fs.readFileSync(path.join(dir, 'fragments', lang, f), 'utf8');
      for (const [name, reset] of Object.entries(RESETS)) {
        const rel = `${name}-${lang}-${f}`;
        fs.writeFileSync(path.join(tmp, rel), hostPage(reset, fragment, lang));
        pages.push(rel);
      }
    }
  }
  const site = await serve(tmp);
  const browser = await launchChromium();
  const failures = [];
  let checks = 0;
  try {
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const seen = await watchPage(page);
      for (const rel of pages) {
        seen.reset();
        await page.goto(site.url + rel);
        const r = await page.evaluate((hostIds) => {
          const px = (el, prop) => parseFloat(getComputedStyle(el).getPropertyValue(prop)) || 0;
          const out = { problems: [], checks: 0 };
          const bad = (msg) => out.problems.push(msg);
          const frag = document.querySelector('.pv-fragment');
          if (!frag) { bad('no .pv-fragment'); return out; }
          // Ids: unique in the page, prefixed in the fragment; links find their targets.
          const count = new Map();
          for (const el of document.querySelectorAll('[id]')) count.set(el.id, (count.get(el.id) || 0) + 1);
          for (const [id, n] of count) { out.checks++; if (n > 1) bad(`id "${id}" occurs ${n} times`); }
          for (const el of frag.querySelectorAll('[id]')) { out.checks++; if (!el.id.startsWith('pv-')) bad(`fragment id "${el.id}" is not prefixed pv-`); }
          for (const id of hostIds) { out.checks++; if (!document.getElementById(id) || document.getElementById(id).closest('.pv-fragment')) bad(`the host's #${id} is not the host's`); }
          for (const a of frag.querySelectorAll('a[href^="#"]')) {
            const id = decodeURIComponent(a.getAttribute('href').slice(1));
            if (id === 'cookie-settings') continue; // the example's link to its host's own settings
            out.checks++;
            const t = document.getElementById(id);
            if (!t || !t.closest('.pv-fragment')) bad(`link #${id} does not reach the fragment's own target`);
          }
          // Spacing under the host's reset.
          const sections = [...frag.querySelectorAll('section.pv-section')];
          for (const h of frag.querySelectorAll('section.pv-section > h2')) { out.checks++; if (px(h, 'margin-top') <= 0) bad(`h2 "${h.textContent.trim()}" has no top margin`); }
          const cards = [...frag.querySelectorAll('.pv-card')];
          for (const c of cards) {
            out.checks += 3;
            if (px(c, 'margin-top') <= 0) bad(`card "${c.id}" has no top margin`);
            if (px(c, 'padding-left') <= 0) bad(`card "${c.id}" has no padding`);
            const h = c.querySelector('h3');
            if (h && px(h, 'margin-top') <= 0) bad(`card title "${h.textContent.trim()}" has no top margin`);
          }
          for (const list of [...sections, ...cards]) {
            const next = list.nextElementSibling;
            if (!next || next.tagName === 'SCRIPT' || !list.matches('section.pv-section, .pv-card') || !next.matches('section.pv-section, .pv-card')) continue;
            out.checks++;
            const gap = next.getBoundingClientRect().top - list.getBoundingClientRect().bottom;
            if (gap <= 0) bad(`"${next.id || next.className}" touches the block before it (gap ${gap}px)`);
          }
          for (const ul of frag.querySelectorAll('.pv-facts ul, .pv-section > ul')) { out.checks++; if (px(ul, 'padding-left') <= 0 && getComputedStyle(ul).display !== 'inline') bad('a list has no indent'); }
          for (const c of frag.querySelectorAll('caption')) {
            out.checks++;
            const t = c.closest('table');
            if (getComputedStyle(c).captionSide !== 'top' || (t.tBodies[0] && c.getBoundingClientRect().top > t.tBodies[0].getBoundingClientRect().top)) bad(`caption "${c.textContent.trim()}" is not above its table`);
          }
          return out;
        }, HOST_IDS);
        checks += r.checks + 2;
        for (const p of r.problems) failures.push(`${label} ${rel}: ${p}`);
        for (const u of seen.external) failures.push(`${label} ${rel}: external request ${u}`);
        for (const e of [...seen.consoleErrors, ...seen.failedRequests]) failures.push(`${label} ${rel}: ${e}`);
        if (r.checks < 20) failures.push(`${label} ${rel}: only ${r.checks} checks ran (is the fragment empty?)`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`fragment-host: ${pages.length} host pages × 2 widths, ${checks} checks, ${failures.length} failures`);
  return failures.length ? 1 : 0;
}

main().then((code) => shutdown(code), (err) => { console.error(`fragment-host: ${err.stack || err}`); shutdown(2); });
