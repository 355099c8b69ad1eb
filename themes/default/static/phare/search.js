/* Phare search, part 2: the results page's client. Reads the per-language
   index written by `phare build` (search/LANG/*), ranks pages as the build
   side's reference engine does (`phare search`), shows excerpts and drives
   the results page. Needs phare/search-text.js, loaded before it. Without
   JavaScript the results page explains that search needs it. */
(function () {
  "use strict";
  var T = globalThis.PhareText, pipeline = T.pipeline, RAW_RUN = T.RAW_RUN;

  /* ---------- The index files (search/LANG/) ---------- */

  var DIGIT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  /* Postings: varints of 5 bits a character, low group first, +32 while more follow.
     Each number is (doc delta << 6) | (tf bucket << 4) | fields. */
  function decode(text) {
    var out = [], doc = 0, n = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT.indexOf(text[i]);
      n += (v & 31) * scale;
      scale *= 32;
      if (v < 32) {
        doc += Math.floor(n / 64);
        out.push({ doc: doc, tf: (n >> 4) & 3, fields: n & 15 });
        n = 0;
        scale = 1;
      }
    }
    return out;
  }
  /* Rust sorts keys by code point; JavaScript compares UTF-16 units. */
  function before(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0);
    }
    return x.length <= y.length;
  }
  /* Whether b is a one-letter typo of a: one wrong, missing, extra or swapped letter. */
  function oneTypo(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  var WEIGHT = [0, 8, 4, 8, 2, 8, 4, 8, 1, 8, 4, 8, 2, 8, 4, 8]; /* best of title 1, heading 2, description 4, body 8 */

  function Index(root, metaPath, lang) {
    var files = {}, dir = metaPath.replace(/[^/]*$/, ""), text = pipeline(lang);
    function get(name, asText) {
      var path = name === metaPath ? name : dir + name;
      return files[path] || (files[path] = fetch(root + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return asText ? r.text() : r.json();
      }).catch(function (e) { delete files[path]; throw e; }));
    }
    function meta() { return get(metaPath); }
    function chunk(n) {
      return meta().then(function (m) {
        return get(m.term_files[n][1]).then(function (c) {
          if (!c.at) { c.at = {}; c.dec = []; c.keys.forEach(function (k, i) { c.at[k] = i; }); }
          return c;
        });
      });
    }
    function chunkFor(m, key) {
      var n = 0;
      for (var i = 0; i < m.term_files.length && before(m.term_files[i][0], key); i++) n = i;
      return n;
    }
    /* A key's postings, decoded once: documents ascending, tf bucket << 4 | fields,
       and which form each document wrote (the dominant one unless listed). */
    function entry(c, i) {
      var e = c.dec[i];
      if (e) return e;
      var list = decode(c.postings[i]), f = c.forms[i], other = {};
      e = c.dec[i] = { key: c.keys[i], docs: new Int32Array(list.length), bits: new Uint8Array(list.length), usual: f === "" ? c.keys[i] : f[0], other: other };
      list.forEach(function (p, j) { e.docs[j] = p.doc; e.bits[j] = p.tf << 4 | p.fields; });
      if (f !== "") for (var j = 1; j < f.length; j++) for (var d = 1; d < f[j].length; d++) other[f[j][d]] = f[j][0];
      return e;
    }
    function lookup(key) {
      return meta().then(function (m) {
        return chunk(chunkFor(m, key)).then(function (c) {
          return c.at.hasOwnProperty(key) ? entry(c, c.at[key]) : null;
        });
      });
    }
    /* Up to 50 keys that start with the key, shortest first. */
    function prefixed(key) {
      return meta().then(function (m) {
        var first = chunkFor(m, key), wanted = [first];
        for (var n = first + 1; n < m.term_files.length && m.term_files[n][0].indexOf(key) === 0; n++) wanted.push(n);
        return Promise.all(wanted.map(chunk)).then(function (cs) {
          var found = [];
          cs.forEach(function (c) {
            c.keys.forEach(function (k, i) { if (k !== key && k.indexOf(key) === 0) found.push([k, c, i]); });
          });
          found.sort(function (a, b) { return a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
          return found.slice(0, 50).map(function (f) { return entry(f[1], f[2]); });
        });
      });
    }
    function typos(key) {
      return meta().then(function (m) {
        return get(m.vocab_file, true).then(function (vocab) {
          var keys = vocab.split("\n").filter(function (k) { return k && oneTypo(key, k); }).slice(0, 20);
          return Promise.all(keys.map(lookup)).then(function (found) { return found.filter(Boolean); });
        });
      });
    }

    /* Ranked documents for a query; the last word also matches as a beginning.
       Per document, compared in this order: words matched, words matched
       exactly, best field weight of each word, exact accents, frequency. */
    function search(query) {
      var words = text.query(query);
      if (!words.length) return Promise.resolve({ words: words, hits: [] });
      var last = words.length - 1;
      return meta().then(function (m) {
        return Promise.all(words.map(function (word, w) {
          return lookup(word.key).then(function (exact) {
            var jobs = [exact ? [exact] : [], []];
            if (w === last && Array.from(word.key).length >= 3) jobs[1] = prefixed(word.key);
            if (!exact && word.letters >= 5) jobs.push(typos(word.key));
            return Promise.all(jobs);
          });
        })).then(function (perWord) { return rank(m.docs, words, perWord); });
      });
    }
    function rank(n, words, perWord) {
      var matched = new Uint8Array(n), exactly = new Uint8Array(n), accents = new Uint8Array(n);
      var weights = new Uint16Array(n), tfs = new Uint16Array(n), seen = [], all = [];
      perWord.forEach(function (groups, w) {
        var on = new Uint8Array(n), best = new Uint8Array(n), kind = new Uint8Array(n), tf = new Uint8Array(n), touched = [];
        groups.forEach(function (group, g) {
          group.forEach(function (e) {
            all.push(e);
            for (var j = 0; j < e.docs.length; j++) {
              var d = e.docs[j], bits = e.bits[j], weight = WEIGHT[bits & 15];
              if (!on[d]) { on[d] = 1; touched.push(d); }
              if (weight > best[d]) best[d] = weight;
              if ((bits >> 4) > tf[d]) tf[d] = bits >> 4;
              /* 2: exact with the query's accents, 1: exact but folded */
              if (g === 0) kind[d] = Math.max(kind[d], (e.other.hasOwnProperty(d) ? e.other[d] : e.usual) === words[w].form ? 2 : 1);
            }
          });
        });
        touched.forEach(function (d) {
          if (!matched[d]) seen.push(d);
          matched[d]++;
          weights[d] += best[d];
          tfs[d] += tf[d];
          if (kind[d]) exactly[d]++;
          if (kind[d] === 2) accents[d]++;
        });
      });
      seen.sort(function (a, b) {
        return matched[b] - matched[a] || exactly[b] - exactly[a] || weights[b] - weights[a] || accents[b] - accents[a] || tfs[b] - tfs[a] || a - b;
      });
      /* The keys that met a document, for its highlights. */
      function keysOf(d) {
        var keys = {};
        all.forEach(function (e) {
          for (var lo = 0, hi = e.docs.length; lo < hi;) {
            var mid = (lo + hi) >> 1;
            if (e.docs[mid] < d) lo = mid + 1; else hi = mid;
          }
          if (e.docs[lo] === d) keys[e.key] = 1;
        });
        return keys;
      }
      return { words: words, hits: seen.map(function (d) { return { doc: d }; }), keysOf: keysOf };
    }
    function doc(d) {
      return meta().then(function (m) {
        var n = Math.floor(d / m.docs_per_chunk);
        return get(m.doc_files[n]).then(function (c) {
          var page = c.docs[d - n * m.docs_per_chunk];
          var cat = m.categories[page.c];
          return { page: page, category: cat ? cat[0] : "" };
        });
      });
    }
    return { search: search, doc: doc, meta: meta, text: text };
  }

  /* ---------- Excerpts ---------- */

  function escape(s) {
    return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  /* Whether a run of the stored text is one of the matched keys. */
  function matcher(text, keys) {
    return function (run) {
      return text.keys(run).some(function (k) { return keys.hasOwnProperty(k); });
    };
  }
  function firstMatch(s, hit) {
    RAW_RUN.lastIndex = 0;
    for (var m; (m = RAW_RUN.exec(s));) if (hit(m[0])) return m.index;
    return -1;
  }
  function highlight(s, hit) {
    var out = "", from = 0;
    RAW_RUN.lastIndex = 0;
    for (var m; (m = RAW_RUN.exec(s));) {
      if (!hit(m[0])) continue;
      out += escape(s.slice(from, m.index)) + "<mark>" + escape(m[0]) + "</mark>";
      from = m.index + m[0].length;
    }
    return out + escape(s.slice(from));
  }
  /* About 180 characters around the first match, cut at spaces. */
  function excerpt(s, at, hit) {
    var start = Math.max(0, at - 60), end;
    if (start > 0) start = s.lastIndexOf(" ", start) + 1;
    end = start + 180;
    if (end < s.length) end = s.lastIndexOf(" ", end) > at ? s.lastIndexOf(" ", end) : end;
    else end = s.length;
    return (start > 0 ? "… " : "") + highlight(s.slice(start, end).trim(), hit) + (end < s.length ? " …" : "");
  }
  /* A result's excerpt, and the section it comes from: a heading match
     first, then the earliest text match, else the page's first text. */
  function summary(page, keys, text) {
    var hit = matcher(text, keys), sections = page.s || [], i, at;
    for (i = 1; i < sections.length; i++) {
      if (firstMatch(sections[i][1], hit) >= 0) {
        at = firstMatch(sections[i][2] || "", hit);
        return { id: sections[i][0], heading: sections[i][1], html: excerpt(sections[i][2] || "", Math.max(at, 0), hit) };
      }
    }
    for (i = 0; i < sections.length; i++) {
      var body = sections[i][i ? 2 : 1] || "";
      at = firstMatch(body, hit);
      if (at >= 0) return { id: sections[i][0], heading: i ? sections[i][1] : "", html: excerpt(body, at, hit) };
    }
    for (i = 0; i < sections.length; i++) {
      body = sections[i][i ? 2 : 1];
      if (body) return { id: "", heading: "", html: excerpt(body, 0, hit) };
    }
    return { id: "", heading: "", html: "" };
  }

  /* ---------- The results page ---------- */

  var SAMPLES = [0, 1, 2, 3, 5, 11, 21, 101];
  /* A Fluent plural message rendered by the template for a few sample numbers. */
  function counted(el, lang, n) {
    var exact = el.getAttribute("data-count" + n);
    if (exact !== null) return exact;
    var rules = new Intl.PluralRules(lang), kind = rules.select(n);
    for (var i = 0; i < SAMPLES.length; i++) {
      var m = SAMPLES[i], s = el.getAttribute("data-count" + m);
      if (s !== null && rules.select(m) === kind) return s.split(String(m)).join(String(n));
    }
    return String(n);
  }

  function start() {
    var form = document.getElementById("search-form");
    var list = document.getElementById("search-results");
    if (!form || !list) return;
    var cfg = form.dataset, root = cfg.root, lang = document.documentElement.lang || "en";
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var main = Index(root, cfg.meta, lang);
    var others = Array.prototype.map.call(document.querySelectorAll(".search-other"), function (el) {
      return { el: el, lang: el.getAttribute("data-lang"), name: el.getAttribute("data-name"), index: Index(root, el.getAttribute("data-meta"), el.getAttribute("data-lang")) };
    });
    var run = 0, shown = [], shownKeys = null, shownFrom = null, foreign = null;

    function say(text) { status.textContent = text; }
    function item(hit, from, foreign, keysOf) {
      return from.doc(hit.doc).then(function (d) {
        var keys = keysOf(hit.doc), page = d.page, sum = summary(page, keys, from.text), hits = matcher(from.text, keys);
        var li = document.createElement("li");
        li.className = "search-result";
        if (foreign) li.lang = foreign.lang;
        var href = root + page.p + (sum.id ? "#" + encodeURIComponent(sum.id) : "");
        var crumb = [escape(d.category), highlight(sum.heading, hits)].filter(Boolean).join('<span class="search-result-sep" aria-hidden="true"> › </span>');
        if (foreign) crumb = '<span class="search-result-lang">' + escape(foreign.name || foreign.lang) + "</span>" + crumb;
        li.innerHTML = '<a class="search-result-link" href="' + escape(href) + '"' + (foreign ? ' hreflang="' + escape(foreign.lang) + '"' : "") + ">" +
          highlight(page.t, hits) + "</a>" +
          (crumb ? '<p class="search-result-crumb">' + crumb + "</p>" : "") +
          (sum.html ? '<p class="search-result-excerpt">' + sum.html + "</p>" : "");
        return li;
      });
    }
    /* Adds the next 10 results; focus moves to the first new one when asked. */
    function showMore(mine, focus) {
      var next = shown.slice(list.children.length, list.children.length + 10);
      return Promise.all(next.map(function (h) { return item(h, shownFrom, foreign, shownKeys); })).then(function (items) {
        if (mine !== run) return;
        items.forEach(function (li) { list.appendChild(li); });
        more.hidden = list.children.length >= shown.length;
        if (focus && items.length) items[0].querySelector("a").focus();
      });
    }

    function searchFor(query) {
      var mine = ++run, q = query.trim();
      if (!q) {
        list.innerHTML = "";
        more.hidden = true;
        say("");
        return Promise.resolve();
      }
      var slow = setTimeout(function () { if (mine === run) say(cfg.loading); }, 400);
      return main.search(q).then(function (found) {
        if (found.hits.length || !found.words.length || !others.length) return [found, main, null];
        return Promise.all(others.map(function (o) {
          return o.index.search(q).catch(function () { return { hits: [] }; });
        })).then(function (all) {
          for (var i = 0; i < all.length; i++) if (all[i].hits.length) return [all[i], others[i].index, others[i]];
          return [found, main, null];
        });
      }).then(function (r) {
        if (mine !== run) return;
        clearTimeout(slow);
        shown = r[0].hits;
        shownKeys = r[0].keysOf;
        shownFrom = r[1];
        foreign = r[2];
        list.innerHTML = "";
        var n = shown.length;
        if (foreign) say(foreign.el.getAttribute("data-none") + " " + counted(foreign.el, lang, n));
        else if (n) say(counted(form, lang, n));
        else say(cfg.none.split("%q").join(q));
        return showMore(mine, false);
      }).catch(function () {
        clearTimeout(slow);
        if (mine === run) say(cfg.failed);
      });
    }

    function queryOf() { return new URLSearchParams(location.search).get("q") || ""; }
    function urlFor(q) { return location.pathname + (q.trim() ? "?q=" + encodeURIComponent(q.trim()).replace(/%20/g, "+") : ""); }

    /* Typing a new query adds one history entry, then updates it, so Back
       returns to the previous query, not to each letter. */
    var typing = false;
    input.addEventListener("input", function () {
      if (typing) history.replaceState(null, "", urlFor(input.value));
      else history.pushState(null, "", urlFor(input.value));
      typing = true;
      searchFor(input.value);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (input.value.trim() !== queryOf()) history.pushState(null, "", urlFor(input.value));
      typing = false;
      searchFor(input.value);
    });
    window.addEventListener("popstate", function () {
      typing = false;
      input.value = queryOf();
      searchFor(input.value);
    });
    input.addEventListener("focus", function () { main.meta().catch(function () {}); });
    more.addEventListener("click", function () { showMore(run, true); });

    /* Arrow keys: from the field into the results and between them; Escape back to the field. */
    function links() { return Array.prototype.slice.call(list.querySelectorAll(".search-result-link")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) { e.preventDefault(); links()[0].focus(); }
      else if (e.key === "Escape" && input.value) { e.preventDefault(); input.value = ""; input.dispatchEvent(new Event("input")); }
    });
    list.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < all.length) all[i + 1].focus();
      else if (e.key === "ArrowDown" && !more.hidden) more.focus();
      else if (e.key === "ArrowUp") (i ? all[i - 1] : input).focus();
      else if (e.key === "Escape") input.focus();
      else return;
      e.preventDefault();
    });
    more.addEventListener("keydown", function (e) {
      var all = links();
      if (e.key === "ArrowUp" && all.length) { e.preventDefault(); all[all.length - 1].focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });

    input.value = queryOf();
    if (input.value) searchFor(input.value);
  }

  var api = { pipeline: pipeline, fold: T.fold, english: T.english, french: T.french, STOP: T.STOP, decode: decode, oneTypo: oneTypo, Index: Index, summary: summary };
  if (typeof document === "undefined") { globalThis.PhareSearch = api; return; }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
