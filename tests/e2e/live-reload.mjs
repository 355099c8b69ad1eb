// phare serve in a real browser: a saved edit shows up without touching the
// page, a broken edit shows the problems over the last good page, and
// fixing it clears them. Usage: node live-reload.mjs PHARE_BINARY REPOSITORY
import { launchChromium, servePreview } from './browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [phare, repository] = process.argv.slice(2);
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'phare-e2e-'));
fs.cpSync(path.join(repository, 'content'), path.join(site, 'content'), { recursive: true });
fs.copyFileSync(path.join(repository, 'site.yaml'), path.join(site, 'site.yaml'));
const article = path.join(site, 'content/fr/depannage/perte-de-telephone.md');
const original = fs.readFileSync(article, 'utf8');

const { port, server } = await servePreview(phare, site);
const browser = await launchChromium();

function check(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  const url = `http://127.0.0.1:${port}/fr/depannage/perte-de-telephone/`;
  const page = await browser.newPage();
  for (let tries = 0; ; tries++) {
    try {
      await page.goto(url);
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  check((await page.textContent('h1')).includes('Téléphone perdu'), 'the French article is served');
  check((await page.getAttribute('html', 'lang')) === 'fr', 'the page says it is French');

  fs.writeFileSync(article, original + '\nParagraphe ajouté par le test de bout en bout.\n');
  await page.waitForFunction(() => document.body.innerText.includes('Paragraphe ajouté par le test de bout en bout.'), null, { timeout: 10000 });
  console.log('ok   a saved edit appears in the open page by itself');

  fs.writeFileSync(article, original.replace(/^title: .*$/m, 'title: [cassé'));
  await page.waitForSelector('#phare-overlay', { timeout: 10000 });
  const overlay = await page.textContent('#phare-overlay');
  check(overlay.includes('Le site n’a pas pu être reconstruit'), 'the overlay speaks the page’s language');
  check(overlay.includes('perte-de-telephone.md'), 'the overlay names the file');
  check((await page.textContent('h1')).includes('Téléphone perdu'), 'the last good page stays underneath');
  console.log('ok   a broken edit shows the problems over the last good page');

  fs.writeFileSync(article, original);
  await page.waitForSelector('#phare-overlay', { state: 'detached', timeout: 10000 });
  console.log('ok   fixing the file clears the problems');
  console.log('3 passed, 0 failed');
} catch (error) {
  console.error(`FAIL ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(site, { recursive: true, force: true });
}
