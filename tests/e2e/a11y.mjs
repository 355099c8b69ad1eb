// Accessibility audit of every page a build writes: axe-core (WCAG 2.0, 2.1
// and 2.2 A/AA rules and best practices) in headless Chromium, each page at
// phone (390 px) and desktop (1280 px) width, in light and dark mode. Fails
// on any violation, listing page, width, scheme, rule and elements.
//
// Usage: node a11y.mjs PHARE_BINARY SITE_FOLDER [--screenshots DIR]
import { launchChromium } from './browser.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const [phare, siteFolder, ...rest] = process.argv.slice(2);
const screenshotsAt = rest[0] === '--screenshots' ? rest[1] : null;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phare-a11y-')), 'public');
execFileSync(phare, ['build', '--quiet', '--site', siteFolder, '--output', output], { stdio: 'inherit' });

function htmlFiles(folder, prefix = '') {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return htmlFiles(path.join(folder, entry.name), rel + '/');
    return entry.name.endsWith('.html') ? [rel] : [];
  });
}
// Redirect stand-ins only send the reader on; audit the pages people read.
const pages = htmlFiles(output)
  .filter((rel) => !fs.readFileSync(path.join(output, rel), 'utf8').includes('http-equiv="refresh"'))
  .sort();

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.txt': 'text/plain' };
const server = http.createServer((request, response) => {
  let rel = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(output, path.normalize(rel));
  if (!file.startsWith(output) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}/`;

const browser = await launchChromium();

const rules = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
let violations = 0;
let audits = 0;
try {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      for (const rel of pages) {
        const address = origin + rel.replace(/index\.html$/, '');
        await page.goto(address, { waitUntil: 'load' });
        await page.addScriptTag({ content: axeSource });
        const found = await page.evaluate(async (tags) => {
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
        }, rules);
        audits++;
        for (const v of found) {
          violations++;
          console.log(`FAIL ${rel} (${width} px, ${colorScheme}): ${v.id} — ${v.help}\n       ${v.targets.join('\n       ')}`);
        }
        if (screenshotsAt) {
          fs.mkdirSync(screenshotsAt, { recursive: true });
          const name = `${rel.replace(/\//g, '_').replace(/\.html$/, '')}-${width}-${colorScheme}.png`;
          await page.screenshot({ path: path.join(screenshotsAt, name), fullPage: true });
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${pages.length} pages, ${audits} audits (2 widths × light and dark), ${violations} violation(s)`);
process.exit(violations === 0 ? 0 : 1);
