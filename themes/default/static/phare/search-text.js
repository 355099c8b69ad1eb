/* Phare search, part 1: the text pipeline and the Snowball French and
   English stemmers, the same steps as the build side's (src/search/pipeline.rs),
   so a word is looked up as it was indexed. Checked against the build side's
   golden cases by tests/e2e/search-pipeline.mjs. Used by phare/search.js. */
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
      /* The key stems the folded word: « securite » must meet « sécurité ». */
      var key = stem(fold(word)).replace(/'/g, "");
      if (key) out.push({ key: key, form: stem(word).replace(/'/g, ""), letters: letters });
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

  globalThis.PhareText = { pipeline: pipeline, fold: fold, english: english, french: french, STOP: STOP, RAW_RUN: RAW_RUN };
})();
