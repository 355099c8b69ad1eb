// Printing an article in headless Chromium: folded answers (<details>) and
// every tab print open, navigation and search do not print, and the page's
// address and the date print at its foot, in the page's language.
// Usage: node print.mjs PHARE_BINARY REPOSITORY [SCREENSHOT.png]
import { launchChromium } from './browser.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [phare, repository, screenshot] = process.argv.slice(2);
const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phare-print-')), 'public');
execFileSync(phare, ['build', '--quiet', '--site', repository, '--output', output], { stdio: 'inherit' });

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok   ${message}`);
}

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
  // An article with folded answers, opened from disk as a reader may.
  const file = path.join(output, 'fr/verification-en-deux-etapes/changer-de-numero/index.html');
  await page.goto(pathToFileURL(file).href);
  const answers = page.locator('main details');
  check((await answers.count()) > 0 && !(await answers.first().evaluate((d) => d.open)), 'the article has folded answers');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  check(await answers.evaluateAll((all) => all.every((d) => d.open)), 'every folded answer is open for printing');
  for (const selector of ['.sidebar', '.lang-switch', '.breadcrumbs', '.site-footer']) {
    const shown = await page.locator(selector).evaluateAll((all) => all.some((e) => getComputedStyle(e).display !== 'none'));
    check(!shown, `${selector} does not print`);
  }
  const foot = await page.locator('.print-meta').innerText();
  check(foot.startsWith('Imprimé depuis file://') && /\d{4}/.test(foot), `the address and date print at the foot, in French: "${foot}"`);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  check(!(await answers.first().evaluate((d) => d.open)), 'answers fold back after printing');
} finally {
  await browser.close();
}
