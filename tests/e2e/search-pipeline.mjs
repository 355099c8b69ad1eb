// The browser's text pipeline (themes/default/static/phare/search-text.js) on
// the golden cases the build side keeps (tests/search/pipeline-cases.json):
// every key and form must agree, in order. Also checks that the client's
// stop lists are the build side's (src/search/stopwords/*.txt). No browser.
// Usage: node search-pipeline.mjs REPOSITORY
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const repository = process.argv[2] || path.join(path.dirname(new URL(import.meta.url).pathname), '../..');
const sandbox = {};
vm.createContext(sandbox);
for (const script of ['search-text.js', 'search.js']) {
  vm.runInContext(fs.readFileSync(path.join(repository, 'themes/default/static/phare', script), 'utf8'), sandbox);
}
const search = sandbox.PhareSearch;
if (!search) throw new Error('search.js did not expose its pipeline outside a browser');

let failed = 0;
let passed = 0;
const cases = JSON.parse(fs.readFileSync(path.join(repository, 'tests/search/pipeline-cases.json'), 'utf8'));
if (cases.length < 20) throw new Error('too few golden cases');
const pipelines = {};
for (const c of cases) {
  const words = (pipelines[c.lang] ||= search.pipeline(c.lang)).words(c.text);
  const keys = words.map((w) => w.key);
  const forms = words.map((w) => w.form);
  if (JSON.stringify(keys) !== JSON.stringify(c.keys) || JSON.stringify(forms) !== JSON.stringify(c.forms)) {
    failed++;
    if (failed <= 20) {
      console.log(`FAIL ${c.lang} ${JSON.stringify(c.text)}`);
      console.log(`     keys  expected ${JSON.stringify(c.keys)}\n           got      ${JSON.stringify(keys)}`);
      console.log(`     forms expected ${JSON.stringify(c.forms)}\n           got      ${JSON.stringify(forms)}`);
    }
  } else {
    passed++;
  }
}
console.log(`${passed} of ${cases.length} golden cases agree`);

for (const lang of ['fr', 'en']) {
  const file = path.join(repository, 'src/search/stopwords', `${lang}.txt`);
  if (!fs.existsSync(file)) {
    console.log(`note ${file} does not exist yet: stop lists not compared`);
    continue;
  }
  const theirs = new Set(fs.readFileSync(file, 'utf8').split('\n').map((w) => w.trim()).filter(Boolean));
  const ours = new Set(search.STOP[lang].split(' '));
  const missing = [...theirs].filter((w) => !ours.has(w));
  const extra = [...ours].filter((w) => !theirs.has(w));
  if (missing.length || extra.length) {
    failed++;
    console.log(`FAIL ${lang} stop words differ: search.js lacks ${JSON.stringify(missing)}, has extra ${JSON.stringify(extra)}`);
  } else {
    console.log(`ok   ${lang} stop words are the build side's (${ours.size})`);
  }
}

// The parts of the query engine that need no files.
function encode(numbers) {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return numbers.map((n) => {
    let s = '';
    do {
      const low = n % 32;
      n = Math.floor(n / 32);
      s += digits[low + (n > 0 ? 32 : 0)];
    } while (n > 0);
    return s;
  }).join('');
}
const postings = search.decode(encode([(3 << 6) | (0 << 4) | 1, (2 << 6) | (3 << 4) | 8, (1000 << 6) | (1 << 4) | 6]));
const expected = [{ doc: 3, tf: 0, fields: 1 }, { doc: 5, tf: 3, fields: 8 }, { doc: 1005, tf: 1, fields: 6 }];
if (JSON.stringify(postings) !== JSON.stringify(expected)) {
  failed++;
  console.log(`FAIL postings decode to ${JSON.stringify(postings)}, not ${JSON.stringify(expected)}`);
} else {
  console.log('ok   postings decode (doc deltas, frequency buckets, fields)');
}
const typos = [['telehpon', 'telephon', true], ['athentif', 'authentif', true], ['telephonn', 'telephon', true], ['telefon', 'telepon', true], ['telephon', 'telephon', false], ['tlehpon', 'telephon', false], ['ab', 'abcd', false]];
const wrong = typos.filter(([a, b, one]) => search.oneTypo(a, b) !== one);
for (const [a, b, one] of wrong) console.log(`FAIL ${a} and ${b} are${one ? '' : ' not'} one typo apart`);
if (wrong.length) failed++;
else console.log('ok   one-typo distance (wrong, missing, extra, swapped letter)');

if (failed) {
  console.log(`${failed} failed`);
  process.exitCode = 1;
}
