/* Phare search: the results page's client. Reads the per-language index
   written by `phare build` (search/LANG/*) and ranks pages in the browser.
   The text pipeline, the stemmers and the ranking follow the index format
   exactly, so a word is found here as the build side indexed it.
   Without JavaScript the results page explains that search needs it. */
(function () {
  "use strict";

  /* ---------- Text pipeline ---------- */

  /* The Snowball project's stop lists, folded. */
  var STOP = {
    fr: "au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est sommes sont serai seras sera serons serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent",
    en: "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing would should could ought i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's where's why's how's a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very"
  };
  var ELIDED = " l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu ";
  var W = "[\\p{Alphabetic}\\p{N}]";
  /* A run: words joined by inner apostrophes, then by single hyphens. */
  var RUN = new RegExp(W + "+(?:'" + W + "+)*(?:[-\\u2011]" + W + "+(?:'" + W + "+)*)*", "gu");
  var RAW_RUN = new RegExp(RUN.source.replace(/'/g, "['\\u2019\\u2018\\u02BC]"), "giu");
  var DIGITS = /^\p{N}$/u;

  function fold(s) {
    if (!/[^\0-\x7f]/.test(s)) return s;
    return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss").normalize("NFC");
  }

  function pipeline(lang) {
    var code = String(lang).toLowerCase().split(/[-_]/)[0];
    var stem = code === "fr" ? french : code === "en" ? english : function (w) { return w; };
    var stop = {};
    (STOP[code] || "").split(" ").forEach(function (w) { if (w) stop[w] = 1; });

    function finish(word, out) {
      var letters = Array.from(word).length;
      if (!letters || letters > 40) return;
      if (letters === 1 && !DIGITS.test(word)) return;
      if (stop[fold(word)] === 1) return;
      var form = stem(word).replace(/'/g, "");
      if (form) out.push({ key: fold(form), form: form, letters: letters });
    }

    /* Every word of a text, in order, repeats included. */
    function words(text) {
      var s = String(text).normalize("NFC").toLowerCase().replace(/[\u2019\u2018\u02BC]/g, "'");
      var out = [], m;
      RUN.lastIndex = 0;
      while ((m = RUN.exec(s))) {
        var parts = m[0].split(/[-\u2011]/).map(function (p) {
          if (p.length > 80) return "";
          var at = p.indexOf("'");
          return at > 0 && ELIDED.indexOf(" " + p.slice(0, at) + " ") >= 0 ? p.slice(at + 1) : p;
        });
        parts.forEach(function (p) { finish(p, out); });
        if (parts.length > 1 && parts.length < 4 && parts.every(Boolean)) finish(parts.join(""), out);
      }
      return out;
    }

    /* The distinct words of a query: 200 characters, 10 words at most. */
    function query(text) {
      var seen = {}, out = [];
      words(Array.from(String(text)).slice(0, 200).join("")).forEach(function (w) {
        var id = w.key + "\n" + w.form;
        if (out.length < 10 && !seen[id]) { seen[id] = 1; out.push(w); }
      });
      return out;
    }
    /* The keys of a short run of text, remembered: excerpts ask for the same words often. */
    var known = new Map();
    function keys(run) {
      var k = known.get(run);
      if (!k) {
        if (known.size > 20000) known.clear();
        known.set(run, k = words(run).map(function (w) { return w.key; }));
      }
      return k;
    }
    return { words: words, query: query, keys: keys };
  }

  /* ---------- Snowball stemmers (snowballstem.org) ---------- */

  function endsWith(s, x) { return s.length >= x.length && s.slice(s.length - x.length) === x; }
  /* The longest of `list` that ends s, starting at `min` or later. */
  function longest(s, list, min) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      var x = list[i];
      if (x.length > best.length && endsWith(s, x) && s.length - x.length >= (min || 0)) best = x;
    }
    return best;
  }
  /* Snowball's "gopast vowel, gopast non-vowel" from i. */
  function region(s, i, vowel) {
    while (i < s.length && !vowel(s[i])) i++;
    while (i < s.length && vowel(s[i])) i++;
    return i < s.length ? i + 1 : s.length;
  }
  function split(list) { return list.split(" "); }

  /* English (Porter2). */
  var EN_V = "aeiouy";
  function enV(c) { return !!c && EN_V.indexOf(c) >= 0; }
  var EN_EXCEPT = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" };
  var EN_INVARIANT = " inning outing canning herring earring proceed exceed succeed ";
  var EN_STEP2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "" };
  var EN_STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var EN_STEP1A = split("sses ied ies s us ss"), EN_STEP1B = split("eed eedly ed edly ing ingly");
  var EN_STEP2_KEYS = Object.keys(EN_STEP2), EN_STEP3_KEYS = Object.keys(EN_STEP3);
  var EN_STEP4 = split("al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion");

  function english(w) {
    if (EN_EXCEPT.hasOwnProperty(w)) return EN_EXCEPT[w];
    if (Array.from(w).length < 3) return w;
    if (w[0] === "'") w = w.slice(1);
    w = w.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
    var g = /^(gener|commun|arsen)/.exec(w), p1 = g ? g[1].length : region(w, 0, enV);
    var p2 = region(w, p1, enV), x, n;
    function shortv(s) {
      var n = s.length, c = s[n - 1];
      return (n >= 3 && !enV(s[n - 3]) && enV(s[n - 2]) && !enV(c) && "wxY".indexOf(c) < 0) ||
        (n === 2 && enV(s[0]) && !enV(c));
    }
    function cut(s, k) { return s.slice(0, s.length - k); }

    x = longest(w, ["'s'", "'s", "'"]);
    w = cut(w, x.length);
    x = longest(w, EN_STEP1A);
    if (x === "sses") w = cut(w, 2);
    else if (x === "ied" || x === "ies") w = cut(w, 3) + (w.length > 4 ? "i" : "ie");
    else if (x === "s" && /[aeiouy]/.test(w.slice(0, -2))) w = cut(w, 1);
    if (EN_INVARIANT.indexOf(" " + w + " ") < 0) {
      x = longest(w, EN_STEP1B);
      n = w.length - x.length;
      if (x === "eed" || x === "eedly") {
        if (n >= p1) w = w.slice(0, n) + "ee";
      } else if (x && /[aeiouy]/.test(w.slice(0, n))) {
        w = w.slice(0, n);
        if (/(at|bl|iz)$/.test(w)) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = cut(w, 1);
        else if (w.length === p1 && shortv(w)) w += "e";
      }
      if (/.[^aeiouy][yY]$/.test(w)) w = cut(w, 1) + "i";
      x = longest(w, EN_STEP2_KEYS);
      if (x && w.length - x.length >= p1 && (x === "li" ? "cdeghkmnrt".indexOf(w[w.length - 3]) >= 0 : x !== "ogi" || w[w.length - 4] === "l")) {
        w = cut(w, x.length) + EN_STEP2[x];
      }
      x = longest(w, EN_STEP3_KEYS);
      if (x && w.length - x.length >= p1 && (x !== "ative" || w.length - 5 >= p2)) w = cut(w, x.length) + EN_STEP3[x];
      x = longest(w, EN_STEP4);
      if (x && w.length - x.length >= p2 && (x !== "ion" || /[st]ion$/.test(w))) w = cut(w, x.length);
      n = w.length - 1;
      if (w[n] === "e" && (n >= p2 || (n >= p1 && !shortv(w.slice(0, n))))) w = cut(w, 1);
      else if (w[n] === "l" && n >= p2 && w[n - 1] === "l") w = cut(w, 1);
    }
    return w.replace(/Y/g, "y");
  }

  /* French. */
  var FR_V = "aeiouyâàëéêèïîôûù";
  function frV(c) { return !!c && FR_V.indexOf(c) >= 0; }
  var FR_STEP1 = split("ance iqUe isme able iste eux ances iqUes ismes ables istes atrice ateur ation atrices ateurs ations logie logies usion ution usions utions ence ences ement ements ité ités if ive ifs ives eaux aux euse euses issement issements amment emment ment ments");
  var FR_IVERB = split("îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons iront is issaIent issais issait issant issante issantes issants isse issent isses issez issiez issions issons it");
  var FR_VERB_E = split("é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez");
  var FR_VERB_A = split("âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions");

  function french(word) {
    var a = word.split(""), i, c;
    for (i = 0; i < a.length; i++) {
      c = a[i];
      var next = a[i + 1], changed = true;
      if (frV(c) && (next === "u" || next === "i") && frV(a[i + 2])) a[i + 1] = next.toUpperCase();
      else if (frV(c) && next === "y") a[i + 1] = "Y";
      else if (c === "y" && frV(next)) a[i] = "Y";
      else if (c === "q" && next === "u") a[i + 1] = "U";
      else changed = false;
      if (changed) i--;
    }
    var s = a.join(""), L = s.length, pV;
    if (L >= 3 && frV(s[0]) && frV(s[1])) pV = 3;
    else if (/^(par|col|tap)/.test(s)) pV = 3;
    else { for (i = 1; i < L && !frV(s[i]); i++); pV = i < L ? i + 1 : L; }
    var p1 = region(s, 0, frV), p2 = region(s, p1, frV);

    function at(p, x) { return s.length - x.length >= p; }
    function cut(k) { s = s.slice(0, s.length - k); }
    function put(k, y) { cut(k); s += y; }
    function ends(x) { return endsWith(s, x); }
    /* `['ic'] (R2 delete) or <- 'iqU'` */
    function icToIqu() { if (ends("ic")) { if (at(p2, "ic")) cut(2); else put(2, "iqU"); } }

    function standard() {
      var x = longest(s, FR_STEP1), k = x.length;
      if (!x) return false;
      if (/^(ance|iqUe|isme|able|iste|eux)s?$/.test(x)) { if (!at(p2, x)) return false; cut(k); }
      else if (/^(atrice|ateur|ation)s?$/.test(x)) { if (!at(p2, x)) return false; cut(k); icToIqu(); }
      else if (/^logies?$/.test(x)) { if (!at(p2, x)) return false; put(k, "log"); }
      else if (/^u[st]ions?$/.test(x)) { if (!at(p2, x)) return false; put(k, "u"); }
      else if (/^ences?$/.test(x)) { if (!at(p2, x)) return false; put(k, "ent"); }
      else if (/^ements?$/.test(x)) {
        if (!at(pV, x)) return false;
        cut(k);
        var y = longest(s, ["iv", "eus", "abl", "iqU", "ièr", "Ièr"]);
        if (y === "iv") { if (at(p2, y)) { cut(2); if (ends("at") && at(p2, "at")) cut(2); } }
        else if (y === "eus") { if (at(p2, y)) cut(3); else if (at(p1, y)) put(3, "eux"); }
        else if (y === "abl" || y === "iqU") { if (at(p2, y)) cut(3); }
        else if (y && at(pV, y)) put(3, "i");
      } else if (/^ités?$/.test(x)) {
        if (!at(p2, x)) return false;
        cut(k);
        if (ends("abil")) { if (at(p2, "abil")) cut(4); else put(4, "abl"); }
        else if (ends("ic")) icToIqu();
        else if (ends("iv") && at(p2, "iv")) cut(2);
      } else if (/^i(f|ve)s?$/.test(x)) {
        if (!at(p2, x)) return false;
        cut(k);
        if (ends("at") && at(p2, "at")) { cut(2); icToIqu(); }
      } else if (x === "eaux") put(1, "");
      else if (x === "aux") { if (!at(p1, x)) return false; put(3, "al"); }
      else if (/^euses?$/.test(x)) {
        if (at(p2, x)) cut(k); else if (at(p1, x)) put(k, "eux"); else return false;
      } else if (/^issements?$/.test(x)) {
        if (!at(p1, x) || frV(s[s.length - k - 1])) return false;
        cut(k);
      } else if (x === "amment" || x === "emment") {
        if (at(pV, x)) put(5, "nt");
        return false;
      } else { /* ment, ments: after a vowel in RV; the verb steps run next */
        if (frV(s[s.length - k - 1]) && s.length - k - 1 >= pV) cut(k);
        return false;
      }
      return true;
    }

    function iVerb() {
      var x = longest(s, FR_IVERB, pV), n = s.length - x.length - 1;
      if (!x || n < pV || frV(s[n])) return false;
      cut(x.length);
      return true;
    }

    function verb() {
      var x = longest(s, ["ions"].concat(FR_VERB_E, FR_VERB_A), pV);
      if (!x || (x === "ions" && !at(p2, x))) return false;
      cut(x.length);
      if (FR_VERB_A.indexOf(x) >= 0 && ends("e") && at(pV, "e")) cut(1);
      return true;
    }

    function residual() {
      if (ends("s") && s.length > 1 && "aiouès".indexOf(s[s.length - 2]) < 0) cut(1);
      var x = longest(s, ["ion", "ier", "ière", "Ier", "Ière", "e", "ë"], pV);
      if (x === "ion") { if (at(p2, x) && /[st]ion$/.test(s) && s.length - 4 >= pV) cut(3); }
      else if (x === "e") cut(1);
      else if (x === "ë") { if (ends("guë") && s.length - 3 >= pV) cut(1); }
      else if (x) put(x.length, "i");
    }

    if (standard() || iVerb() || verb()) {
      if (ends("Y")) put(1, "i");
      else if (ends("ç")) put(1, "c");
    } else residual();
    if (/(enn|onn|ett|ell|eill)$/.test(s)) cut(1);
    var m = /[éè]([^aeiouyâàëéêèïîôûù]+)$/.exec(s);
    if (m) s = s.slice(0, m.index) + "e" + m[1];
    return s.replace(/I/g, "i").replace(/U/g, "u").replace(/Y/g, "y");
  }

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

  var api = { pipeline: pipeline, fold: fold, english: english, french: french, STOP: STOP, decode: decode, oneTypo: oneTypo, Index: Index, summary: summary };
  if (typeof document === "undefined") { globalThis.PhareSearch = api; return; }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
