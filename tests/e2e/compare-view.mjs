// The preview's compare view in a real browser: the bundled help center in
// a git repository, the English "lost phone" article changed after its
// French translation; the two columns must sit side by side, aligned
// section by section, the change highlighted, and a screenshot is taken.
// Usage: node compare-view.mjs PHARE_BINARY REPOSITORY [SCREENSHOT.png]
import { launchChromium, servePreview } from './browser.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [phare, repository, screenshotPath] = process.argv.slice(2);
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'phare-e2e-compare-'));
fs.cpSync(path.join(repository, 'content'), path.join(site, 'content'), { recursive: true });
fs.copyFileSync(path.join(repository, 'site.yaml'), path.join(site, 'site.yaml'));

function git(args, date) {
  execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd: site,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Writer',
      GIT_AUTHOR_EMAIL: 'writer@example.org',
      GIT_COMMITTER_NAME: 'Writer',
      GIT_COMMITTER_EMAIL: 'writer@example.org',
      GIT_AUTHOR_DATE: `${date}T10:00:00+00:00`,
      GIT_COMMITTER_DATE: `${date}T10:00:00+00:00`,
    },
  });
}
git(['init', '-q'], '2026-10-01');
git(['add', '-A'], '2026-10-01');
git(['commit', '-q', '-m', 'help center'], '2026-10-01');
const source = path.join(site, 'content/en/troubleshooting/lost-phone.md');
const added = 'Write down your backup codes before you travel.';
fs.writeFileSync(source, fs.readFileSync(source, 'utf8').replace('## Next time\n', `## Next time\n\n${added}\n`));
git(['commit', '-q', '-am', 'lost phone: travel tip'], '2026-11-03');

const { port, server } = await servePreview(phare, site);
const browser = await launchChromium();

function check(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const article = `http://127.0.0.1:${port}/fr/depannage/perte-de-telephone/`;
  for (let tries = 0; ; tries++) {
    try {
      await page.goto(article);
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  check((await page.textContent('.outdated-notice')).includes('3 novembre 2026'), 'the French page carries the notice');
  await page.click('#phare-toolbar a[href^="/_phare/compare/"]');
  await page.waitForSelector('table.compare');
  check(page.url().endsWith('/_phare/compare/lost-phone/'), 'the toolbar leads to the compare view');
  console.log('ok   the toolbar on the article leads to its compare view');

  const rows = await page.$$eval('table.compare tbody tr', (trs) =>
    trs.map((tr) => {
      const [left, right] = [...tr.querySelectorAll('td')].map((td) => td.getBoundingClientRect());
      return { left: left.x, right: right.x, leftTop: left.top, rightTop: right.top, width: left.width + right.width };
    }),
  );
  check(rows.length >= 5, `one row per section (${rows.length})`);
  check(rows.every((r) => r.left < r.right && Math.abs(r.leftTop - r.rightTop) < 1), 'the columns sit side by side, rows aligned');
  const heads = await page.$$eval('table.compare tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td strong')].map((s) => s.textContent)),
  );
  const related = heads.find((h) => h[0] === 'Related articles');
  check(related && related[1] === 'Articles connexes', 'sections with a shared id share a row');
  console.log('ok   source and translation side by side, aligned section by section');

  const highlight = page.locator('td.changed .line-added', { hasText: added });
  check((await highlight.count()) === 1, 'the new English line is highlighted');
  const colour = await highlight.evaluate((el) => getComputedStyle(el).backgroundColor);
  check(colour === 'rgb(220, 245, 227)', `the highlight is visible (${colour})`);
  const changedRow = await page.$$eval('td.changed', (tds) => tds.map((td) => td.querySelector('strong').textContent));
  check(changedRow.length === 1 && changedRow[0] === 'Next time', `only the changed section is marked (${changedRow})`);
  console.log('ok   the source change since the translation is highlighted');

  const png = await page.locator('table.compare').screenshot({ path: screenshotPath || undefined });
  check(png.subarray(1, 4).toString() === 'PNG', 'the screenshot is a PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  check(width > 1000 && height > 300, `the compare table renders at full width (${width}×${height})`);
  console.log(`ok   screenshot of the compare view: ${width}×${height}${screenshotPath ? ` → ${screenshotPath}` : ''}`);
  console.log('4 passed, 0 failed');
} catch (error) {
  console.error(`FAIL ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(site, { recursive: true, force: true });
}
