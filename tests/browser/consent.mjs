// The consent banner, for real: a host page that loads vanilla-cookieconsent
// (the npm package pinned in package-lock.json, served from node_modules,
// never a CDN) with the configuration personvern generated
// (api/cookieconsent.json), and scripts marked
// type="text/plain" data-category="…" that set one first-party cookie per
// declared first-party HTTP cookie of their category. Strictly necessary
// cookies are set by a plain script, as a site sets them without consent.
// Checked in Debian's headless Chromium, in every site language:
//
//   - before any choice, only strictly necessary cookies exist, and the
//     consent dialog is shown in the page's language;
//   - the preferences dialog lists every declared cookie, with its purpose
//     in the page's language (compared with api/policy.json, the data);
//   - "necessary only" sets none of the other categories' cookies;
//   - "accept all" sets every category's cookies, and the choice is stored
//     in the declared consent cookie ([cookie_policy] consent_cookie) with
//     its declared lifetime;
//   - withdrawing a category in the preferences dialog clears its cookies
//     (autoClear) and keeps the others;
//   - a reload with the same data does not ask again; after a rebuild that
//     adds only a strictly necessary cookie it does not ask again either;
//     after a rebuild that adds a cookie needing consent it asks again.
//
//   node consent.mjs SITE SITE_NECESSARY_ADDED SITE_CONSENT_ADDED
//
// SITE is a built site; the other two are the same site rebuilt with one
// strictly necessary cookie added, and with one marketing cookie added.
// Exit status 0 when every check passes, 1 otherwise.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchChromium, watchPage, shutdown } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [siteDir, necessaryDir, consentDir] = process.argv.slice(2);
if (!consentDir) {
  console.error('usage: node consent.mjs SITE SITE_NECESSARY_ADDED SITE_CONSENT_ADDED');
  process.exit(2);
}

const failures = [];
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}
const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

// A cookie name as the demo sets it: a pattern gets a concrete tail.
const concrete = (name) => name.replaceAll('*', 'demo');
const escapeAttr = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
const jsString = (s) => JSON.stringify(s).replaceAll('<', '\\u003c');

// The served folder: the site's files, with the demo beside them.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'personvern-consent-'));
function install(dir) {
  for (const e of fs.readdirSync(root)) if (e !== 'consent-demo') fs.rmSync(path.join(root, e), { recursive: true });
  fs.cpSync(dir, root, { recursive: true });
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'api/policy.json'), 'utf8'));
  writeDemo(policy);
  return policy;
}

function writeDemo(data) {
  const demo = path.join(root, 'consent-demo');
  fs.mkdirSync(demo, { recursive: true });
  const dist = path.join(here, 'node_modules/vanilla-cookieconsent/dist');
  for (const f of ['cookieconsent.umd.js', 'cookieconsent.css']) fs.copyFileSync(path.join(dist, f), path.join(demo, f));
  const p = data.policy;
  const consentCookie = p.cookie_policy.consent_cookie;
  const settable = p.cookies.filter((c) => c.party === 'first' && c.technology === 'http_cookie' && c.id !== consentCookie);
  const set = (c) => `document.cookie = ${jsString(`${concrete(c.name)}=demo; path=/; max-age=3600`)};`;
  for (const lang of data.languages) {
    const necessary = settable.filter((c) => c.category === 'strictly_necessary').map(set).join('\n');
    const tags = settable.filter((c) => c.category !== 'strictly_necessary').map((c) =>
      `<script type="text/plain" data-category="${escapeAttr(categoryKey(c.category))}">${set(c)}</script>`).join('\n');
    fs.writeFileSync(path.join(demo, `${lang}.html`), `<!DOCTYPE html>
<html lang="${escapeAttr(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent banner demo (${escapeAttr(lang)})</title>
<link rel="stylesheet" href="cookieconsent.css">
</head>
<body>
<main>
<h1>Consent banner demo</h1>
<p><button type="button" data-cc="show-preferencesModal">Cookie settings</button></p>
</main>
<script>${necessary}</script>
${tags}
<script src="cookieconsent.umd.js"></script>
<script>
window.ccReady = fetch('/api/cookieconsent.json').then((r) => r.json()).then((config) => {
  for (const category of Object.values(config.categories))
    for (const item of (category.autoClear && category.autoClear.cookies) || [])
      if (item.regex) { item.name = new RegExp(item.name); delete item.regex; }
  // The test browser is driven over CDP, so navigator.webdriver is true and
  // cookieconsent would hide itself from it as from a bot.
  config.hideFromBots = false;
  return CookieConsent.run(config);
});
</script>
</body>
</html>
`);
  }
}

function categoryKey(category) {
  return { strictly_necessary: 'necessary', preferences: 'preferences', statistics: 'statistics', marketing: 'marketing' }[category];
}

// Names of the cookies the demo sets for a category.
function demoNames(policy, category) {
  const consentCookie = policy.policy.cookie_policy.consent_cookie;
  return policy.policy.cookies
    .filter((c) => c.party === 'first' && c.technology === 'http_cookie' && c.id !== consentCookie && c.category === category)
    .map((c) => concrete(c.name));
}

const policy = install(siteDir);
const consentName = (() => {
  const id = policy.policy.cookie_policy.consent_cookie;
  const c = policy.policy.cookies.find((x) => x.id === id);
  return c ? c.name : 'cc_cookie';
})();
const config = JSON.parse(fs.readFileSync(path.join(root, 'api/cookieconsent.json'), 'utf8'));
const necessary = demoNames(policy, 'strictly_necessary');
const others = ['preferences', 'statistics', 'marketing'].flatMap((c) => demoNames(policy, c));
check(necessary.length > 0 && others.length > 0, `the site has first-party cookies to set: ${necessary.length} strictly necessary, ${others.length} others`);

const site = await serve(root);
const browser = await launchChromium();

async function open(context, lang) {
  const page = await context.newPage();
  const seen = await watchPage(page);
  await page.goto(`${site.url}consent-demo/${lang}.html`);
  await page.evaluate(() => window.ccReady);
  await page.waitForSelector('#cc-main', { state: 'attached', timeout: 10000 }).catch((e) => {
    throw new Error(`no banner on ${lang}.html: ${[...seen.consoleErrors, ...seen.failedRequests].join('; ') || e.message}`);
  });
  return { page, seen };
}
const jar = async (context) => (await context.cookies()).map((c) => c.name);
const shown = (page, which) => page.evaluate((w) => document.documentElement.classList.contains(`show--${w}`), which);

try {
  for (const lang of policy.languages) {
    const tr = config.language.translations[lang];
    // 1. Before any choice; the dialogs in the page's language.
    let context = await browser.newContext();
    let { page, seen } = await open(context, lang);
    const before = await jar(context);
    check(sameSet(before, necessary), `${lang}: before consent only the strictly necessary cookies exist (${before.join(', ')})`);
    check(await shown(page, 'consent'), `${lang}: the consent dialog is shown`);
    const title = (await page.textContent('#cc-main .cm__title'))?.trim();
    check(title === tr.consentModal.title.replaceAll('&amp;', '&'), `${lang}: the consent dialog's title is in the page's language ("${title}")`);
    await page.click('#cc-main .cm [data-role="show"]');
    await page.waitForSelector('#cc-main .pm', { state: 'visible' });
    // Columns in the order of the configuration's headers: name, domain,
    // description (the purpose), expiration.
    const rows = await page.$$eval('#cc-main .pm tbody tr', (trs) => trs.map((tr) => {
      const td = [...tr.querySelectorAll('td')].map((c) => c.textContent.trim());
      return { name: td[0], description: td[2] };
    }));
    // A named cookie's row has its name; a group's row (cookies declared
    // together, `group` instead of `name`) has the group's name in the
    // page's language, then a note in brackets that they are not named.
    const isRow = (c, r) => (c.name != null ? r.name === c.name : r.name.startsWith(`${c.group[lang]} (`));
    const declared = policy.policy.cookies;
    const listed = declared.filter((c) => rows.some((r) => isRow(c, r)));
    check(rows.length === declared.length && listed.length === declared.length, `${lang}: the preferences dialog lists every declared cookie (${listed.length} of ${declared.length}, ${rows.length} rows)`);
    const wrong = declared.filter((c) => !rows.some((r) => isRow(c, r) && r.description === c.purpose[lang]));
    check(wrong.length === 0, `${lang}: every cookie's purpose is in the page's language${wrong.length ? ` (not: ${wrong.map((c) => c.name ?? c.group[lang]).join(', ')})` : ''}`);
    check(seen.consoleErrors.length === 0 && seen.failedRequests.length === 0 && seen.external.size === 0,
      `${lang}: no console error, failed request or request to another host (${[...seen.consoleErrors, ...seen.failedRequests, ...seen.external].join('; ')})`);
    await context.close();

    // 2. "Necessary only".
    context = await browser.newContext();
    ({ page } = await open(context, lang));
    await page.click('#cc-main .cm [data-role="necessary"]');
    await page.waitForFunction(() => CookieConsent.validConsent());
    const rejected = await jar(context);
    check(sameSet(rejected, [...necessary, consentName]), `${lang}: "${tr.consentModal.acceptNecessaryBtn}" sets no other category's cookies (${rejected.join(', ')})`);
    await context.close();

    // 3. "Accept all", then withdraw one category in the preferences dialog.
    context = await browser.newContext();
    ({ page } = await open(context, lang));
    await page.click('#cc-main .cm [data-role="all"]');
    await page.waitForFunction(() => CookieConsent.validConsent());
    const accepted = await jar(context);
    check(sameSet(accepted, [...necessary, ...others, consentName]), `${lang}: "${tr.consentModal.acceptAllBtn}" sets each category's cookies (${accepted.length} cookies)`);
    const stored = (await context.cookies()).find((c) => c.name === consentName);
    if (config.cookie) {
      const days = stored ? (stored.expires * 1000 - Date.now()) / 86400000 : 0;
      check(stored && Math.abs(days - config.cookie.expiresAfterDays) < 1,
        `${lang}: the choice is stored in the declared ${consentName} for ${config.cookie.expiresAfterDays} days (${days.toFixed(1)})`);
    }
    const withdraw = 'statistics';
    await page.click('button[data-cc="show-preferencesModal"]');
    await page.waitForSelector('#cc-main .pm', { state: 'visible' });
    await page.$eval(`#cc-main .pm input[value="${withdraw}"]`, (el) => el.click());
    await page.click('#cc-main .pm [data-role="save"]');
    await page.waitForFunction((w) => !CookieConsent.acceptedCategory(w), withdraw);
    const after = await jar(context);
    const gone = demoNames(policy, withdraw);
    check(gone.length > 0 && gone.every((n) => !after.includes(n)), `${lang}: withdrawing ${withdraw} clears its cookies (${gone.join(', ')})`);
    const kept = others.filter((n) => !gone.includes(n));
    check(kept.every((n) => after.includes(n)), `${lang}: the other categories' cookies stay (${kept.join(', ')})`);
    await context.close();
  }

  // 4. Revision: asked again only when what needs consent changed.
  const lang = policy.default_language;
  const context = await browser.newContext();
  const { page } = await open(context, lang);
  await page.click('#cc-main .cm [data-role="all"]');
  await page.waitForFunction(() => CookieConsent.validConsent());
  await page.reload();
  await page.evaluate(() => window.ccReady);
  check(!(await shown(page, 'consent')) && await page.evaluate(() => CookieConsent.validConsent()), 'a reload with the same data does not ask again');
  install(necessaryDir);
  await page.reload();
  await page.evaluate(() => window.ccReady);
  check(!(await shown(page, 'consent')) && await page.evaluate(() => CookieConsent.validConsent()),
    'after a rebuild that adds a strictly necessary cookie, the choice stands');
  install(consentDir);
  const before = config.revision;
  const now = JSON.parse(fs.readFileSync(path.join(root, 'api/cookieconsent.json'), 'utf8')).revision;
  await page.reload();
  await page.evaluate(() => window.ccReady);
  await page.waitForSelector('#cc-main .cm', { state: 'visible' });
  check(before !== now && await shown(page, 'consent') && !(await page.evaluate(() => CookieConsent.validConsent())),
    `after a rebuild that adds a cookie needing consent, the banner asks again (revision ${before} -> ${now})`);
  await context.close();
} catch (e) {
  failures.push(`error: ${e.stack || e}`);
  console.error(e);
}

fs.rmSync(root, { recursive: true, force: true });
console.log(`consent banner: ${checks} checks, ${failures.length} failed`);
for (const f of failures) console.log(`  FAIL ${f}`);
await shutdown(failures.length ? 1 : 0);
