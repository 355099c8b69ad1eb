// Search in a real browser: the bundled help center built by phare, served
// as static files, searched through the default theme in both languages
// (no accents, a typo, a word only the other language has), with the
// keyboard only, from a linked ?q= and through the back button.
// Usage: node search.mjs PHARE_BINARY REPOSITORY [BUILT_OUTPUT_FOLDER]
// (a built folder skips the build; SEARCH_SCREENSHOTS=DIR saves screenshots).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const [phare, repository, built] = process.argv.slice(2);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'phare-search-e2e-'));
let output = built;
if (!output) {
  const site = path.join(scratch, 'site');
  fs.cpSync(path.join(repository, 'content'), path.join(site, 'content'), { recursive: true });
  fs.copyFileSync(path.join(repository, 'site.yaml'), path.join(site, 'site.yaml'));
  output = path.join(scratch, 'public');
  const build = spawnSync(phare, ['build', '--site', site, '--output', output], { stdio: 'inherit', timeout: 120000 });
  if (build.status !== 0) throw new Error('phare build failed');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml' };
const fetched = [];
const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  let file = path.join(output, decodeURIComponent(url.pathname));
  if (!file.startsWith(output)) file = path.join(output, '404.html');
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fetched.push(url.pathname);
  if (!fs.existsSync(file)) {
    response.writeHead(404, { 'content-type': TYPES['.html'] });
    response.end(fs.readFileSync(path.join(output, '404.html')));
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  response.end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const shots = process.env.SEARCH_SCREENSHOTS;

let passed = 0;
let failed = 0;
function check(condition, message) {
  if (!condition) throw new Error(message);
}
async function test(name, body) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await body(page, context);
    check(errors.length === 0, `no script errors (${errors.join('; ')})`);
    console.log(`ok   ${name}`);
    passed++;
  } catch (error) {
    console.log(`FAIL ${name}: ${error.message}`);
    failed++;
  } finally {
    await context.close();
  }
}

// The results as the reader sees them, once the list has settled.
async function results(page, minimum = 1) {
  await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length >= n, minimum, { timeout: 10000 });
  await page.waitForTimeout(150);
  return page.$$eval('#search-results > li', (items) => items.map((li) => {
    const link = li.querySelector('a');
    return {
      href: link.getAttribute('href'),
      hreflang: link.getAttribute('hreflang'),
      lang: li.getAttribute('lang'),
      title: link.textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()),
      crumb: li.querySelector('.search-result-crumb')?.textContent || '',
      excerpt: li.querySelector('.search-result-excerpt')?.textContent || '',
    };
  }));
}
const status = (page) => page.textContent('#search-status');
async function typeQuery(page, text) {
  await page.fill('#search-q', '');
  await page.focus('#search-q');
  await page.keyboard.type(text, { delay: 15 });
}

try {
  await test('the header field of a French page sends the query to the French results page', async (page) => {
    await page.goto(`${base}fr/depannage/perte-de-telephone/`);
    await page.focus('#site-search-q');
    await page.keyboard.type('téléphone');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fr\/recherche\/\?q=/);
    check(new URL(page.url()).searchParams.get('q') === 'téléphone', 'the query is in the address');
    check((await page.inputValue('#search-q')) === 'téléphone', 'the results page shows the query');
    const found = await results(page);
    check(found.some((r) => r.href.includes('fr/depannage/perte-de-telephone/')), 'the lost-phone article is found');
    check(found[0].marks.some((m) => m === 'téléphone'), `the first result highlights the word (${JSON.stringify(found[0].marks)})`);
    check(/^\d+ résultats?$/.test(await status(page)), `the live region counts in French (${await status(page)})`);
  });

  await test('a French query typed without accents finds the accented pages', async (page) => {
    await page.goto(`${base}fr/recherche/`);
    await typeQuery(page, 'telephone');
    const found = await results(page);
    check(found.some((r) => r.href.includes('fr/depannage/perte-de-telephone/')), 'telephone finds téléphone');
    // Pages store only their first 200 characters for excerpts, so a match
    // deep in a page is not shown; the best result's match is near its top.
    check(found[0].marks.length > 0, `the first result highlights the match (${JSON.stringify(found[0].marks)})`);
    check(found.some((r) => r.marks.includes('téléphone')), 'the accented word is highlighted');
    check(/^\d+ résultats?$/.test(await status(page)), 'the count is announced');
    check(new URL(page.url()).searchParams.get('q') === 'telephone', 'the address follows the typing');
  });

  await test('a query with one letter swapped still finds its pages', async (page) => {
    await page.goto(`${base}fr/recherche/`);
    await typeQuery(page, 'telehpone perdu');
    const found = await results(page);
    check(found.some((r) => r.href.includes('fr/depannage/perte-de-telephone/')), 'telehpone finds téléphone');
    await page.goto(`${base}en/search/`);
    await typeQuery(page, 'pasword');
    const english = await results(page);
    check(english.some((r) => r.href.includes('en/signing-in/forgotten-password/')), 'pasword finds password');
  });

  await test('an English query links straight to the matching heading', async (page) => {
    await page.goto(`${base}en/search/?q=${encodeURIComponent('how long the lock lasts')}`);
    const found = await results(page);
    check(found[0].href.endsWith('en/troubleshooting/locked-account/#how-long-the-lock-lasts'), `the first result links to the heading (${found[0].href})`);
    check(found[0].crumb.includes('How long the lock lasts'), 'the heading is named under the title');
    check(found[0].marks.some((m) => m.startsWith('lock')), 'the match is highlighted');
    check(/^\d+ results?$/.test(await status(page)), `the live region counts in English (${await status(page)})`);
    check((await page.$$('#search-results mark')).length > 0 && !(await page.innerHTML('#search-results')).includes('&lt;mark'), 'marks are elements, not text');
  });

  await test('a French query found only in English offers the English pages, marked as English', async (page) => {
    await page.goto(`${base}fr/recherche/?q=password`);
    const found = await results(page);
    const said = await status(page);
    check(/^Aucun résultat en français\. \d+ résultats? en anglais\u00a0:$/.test(said), `the reader is told (${said})`);
    check(found.every((r) => r.lang === 'en' && r.hreflang === 'en'), 'each result says it is in English');
    check(found.every((r) => r.href.includes('en/')), 'the results are English pages');
  });

  await test('the browser ranks as `phare search` does', async (page) => {
    const queries = [['fr', 'telephone'], ['fr', 'telehpone perdu'], ['fr', 'se connecter'], ['fr', 'clé de sécurité'], ['fr', 'l’application'],
      ['fr', 'compte verrouillé'], ['en', 'lost phone'], ['en', 'sign'], ['en', 'athenticator'], ['en', 'backup codes'], ['en', 'e-mail']];
    for (const [lang, query] of queries) {
      const reference = spawnSync(phare, ['search', query, '--lang', lang, '--output', output, '--format', 'json'], { encoding: 'utf8', timeout: 30000 });
      check(reference.status === 0, `phare search runs (${reference.stderr})`);
      const expected = JSON.parse(reference.stdout).results.map((r) => r.path);
      await page.goto(`${base}${lang === 'fr' ? 'fr/recherche/' : 'en/search/'}?q=${encodeURIComponent(query)}`);
      const found = (await results(page, expected.length)).map((r) => new URL(r.href, page.url()).pathname.slice(1));
      check(JSON.stringify(found) === JSON.stringify(expected), `${lang} "${query}": ${JSON.stringify(found)} is not ${JSON.stringify(expected)}`);
    }
  });

  await test('a query that finds nothing says so', async (page) => {
    await page.goto(`${base}en/search/?q=zzqxv`);
    await page.waitForFunction(() => document.querySelector('#search-status').textContent !== '', null, { timeout: 10000 });
    check((await status(page)) === 'No results for “zzqxv”.', `nothing found (${await status(page)})`);
    check((await page.$$('#search-results > li')).length === 0, 'the list is empty');
  });

  await test('keyboard only: Tab, arrows, Enter, Escape and the back button', async (page) => {
    await page.goto(`${base}en/search/`);
    await page.keyboard.press('Tab'); // skip link
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement.id === 'search-q')); i++) await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.id === 'search-q'), 'Tab reaches the search field');
    await page.keyboard.type('backup codes', { delay: 15 });
    const found = await results(page, 2);
    await page.keyboard.press('ArrowDown');
    check(await page.evaluate(() => document.activeElement.classList.contains('search-result-link')), 'ArrowDown moves to the first result');
    await page.keyboard.press('ArrowDown');
    check((await page.evaluate(() => document.activeElement.getAttribute('href'))) === found[1].href, 'ArrowDown moves to the next result');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    check(await page.evaluate(() => document.activeElement.id === 'search-q'), 'ArrowUp from the first result goes back to the field');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    check((await page.evaluate(() => document.activeElement.getAttribute('href'))) === found[0].href, 'Tab also reaches the results');
    await page.keyboard.press('Escape');
    check(await page.evaluate(() => document.activeElement.id === 'search-q'), 'Escape goes back to the field');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.includes('/search/'));
    check(page.url().startsWith(new URL(found[0].href, `${base}en/search/`).href.split('#')[0]), 'Enter opens the result');
    await page.goBack();
    await page.waitForURL(/\/en\/search\/\?q=backup\+codes/);
    check((await page.inputValue('#search-q')) === 'backup codes', 'back shows the query again');
    check((await results(page)).length === found.length, 'back shows the results again');
  });

  await test('?q= on load, a new query with Enter, and back to the previous one', async (page) => {
    await page.goto(`${base}fr/recherche/?q=${encodeURIComponent('clé de sécurité')}`);
    check((await page.inputValue('#search-q')) === 'clé de sécurité', 'the field shows the linked query');
    const first = await results(page);
    await page.fill('#search-q', 'codes de secours');
    await page.press('#search-q', 'Enter');
    await page.waitForURL(/q=codes\+de\+secours/);
    const second = await results(page);
    check(second[0].href !== first[0].href, 'the new query shows other results');
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'clé de sécurité');
    await page.waitForFunction(() => document.querySelector('#search-q').value === 'clé de sécurité', null, { timeout: 5000 });
    check((await results(page))[0].href === first[0].href, 'back brings the first query and its results');
  });

  await test('"More results" adds ten and moves the focus to the first new one', async (page) => {
    await page.goto(`${base}en/search/?q=sign`);
    const found = await results(page);
    const more = await page.$('#search-more');
    if (found.length < 10) {
      check(await more.isHidden(), 'no button when everything is shown');
      return;
    }
    check(found.length === 10, 'ten results at first');
    await page.focus('#search-more');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 10, null, { timeout: 5000 });
    check(await page.evaluate(() => document.activeElement === document.querySelectorAll('.search-result-link')[10]), 'focus on the first new result');
  });

  await test('the first search downloads only what it needs', async (page) => {
    fetched.length = 0;
    await page.goto(`${base}fr/recherche/?q=telephone`);
    await results(page);
    const files = fetched.filter((p) => p.startsWith('/search/'));
    check(files.includes('/search/fr/meta.json'), 'the French metadata');
    check(!files.some((p) => p.startsWith('/search/en/')), 'nothing of the English index');
    check(!files.some((p) => /\/v-[^/]*\.txt$/.test(p)), 'no vocabulary when the word exists');
  });

  await test('the header field is on the home, landing and 404 pages', async (page) => {
    for (const url of ['', 'en/', 'fr/', 'en/no-such-page/']) {
      await page.goto(`${base}${url}`);
      check(await page.$('header form[role="search"] input[name="q"]'), `a search field on /${url}`);
    }
    await page.goto(`${base}en/`);
    await page.fill('#site-search-q', 'lost phone');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/en\/search\/\?q=lost\+phone/);
    check((await results(page)).some((r) => r.href.includes('en/troubleshooting/lost-phone/')), 'the English header searches the English pages');
  });

  await test('without JavaScript the results page says so and links to the topics', async (page, context) => {
    await context.close();
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(`${base}fr/recherche/?q=telephone`);
    const text = await noScript.textContent('.search-nojs');
    check(text.includes('La recherche a besoin de JavaScript'), 'the page says search needs JavaScript');
    check((await noScript.$$('.search-nojs a[href*="fr/depannage/"]')).length === 1, 'the topics are linked');
    check(await noScript.isVisible('.search-nojs'), 'the message is visible');
    await plain.close();
  });

  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    for (const scheme of ['light', 'dark']) {
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(`${base}fr/recherche/?q=telephone`);
        await results(page);
        await page.focus('#search-q');
        await page.keyboard.press('ArrowDown');
        await page.screenshot({ path: path.join(shots, `fr-results-${width}-${scheme}.png`), fullPage: true });
        await page.goto(`${base}en/search/?q=password`);
        await results(page);
        await page.screenshot({ path: path.join(shots, `en-results-${width}-${scheme}.png`) });
        await page.goto(`${base}fr/recherche/?q=password`);
        await results(page);
        await page.screenshot({ path: path.join(shots, `fr-other-${width}-${scheme}.png`) });
        await page.goto(`${base}fr/`);
        await page.focus('#site-search-q');
        await page.screenshot({ path: path.join(shots, `fr-header-${width}-${scheme}.png`), clip: { x: 0, y: 0, width, height: 240 } });
        await page.goto(`${base}`);
        await page.screenshot({ path: path.join(shots, `landing-${width}-${scheme}.png`), clip: { x: 0, y: 0, width, height: 300 } });
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
if (failed) process.exitCode = 1;
