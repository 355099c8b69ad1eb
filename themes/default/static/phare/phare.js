/* Phare default theme: progressive enhancements only. The site works without this file. */
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");

  /* Opened from disk (file://): a directory link such as "../en/" would show a file listing,
     so point every internal link that ends in "/" (or is empty / "./") at its index.html. */
  if (location.protocol === "file:") {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(href)) continue; /* external, mailto:, fragment */
      var cut = href.search(/[?#]/);
      var path = cut < 0 ? href : href.slice(0, cut);
      var rest = cut < 0 ? "" : href.slice(cut);
      if (path === "" && rest === "") path = "index.html";
      else if (path === "." || path === "..") path += "/index.html";
      else if (path.charAt(path.length - 1) === "/") path += "index.html";
      else continue;
      links[i].setAttribute("href", path + rest);
    }
    /* The header's search form goes to a folder too. */
    var forms = document.querySelectorAll("form[action$='/']");
    for (var f = 0; f < forms.length; f++) forms[f].setAttribute("action", forms[f].getAttribute("action") + "index.html");
  }

  /* Side navigation: a <details> that is collapsed on phones and always shown on wide screens. */
  var details = document.querySelector(".sidebar-details");
  if (details && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 60em)");
    var sync = function () { if (wide.matches) details.open = true; };
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
    else if (wide.addListener) wide.addListener(sync);
  }

  /* Printing: every folded answer prints open (and folds back afterwards), and the page's
     address and the date print at its foot. */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var d = 0; d < closed.length; d++) { closed[d].open = true; openedForPrint.push(closed[d]); }
    var meta = document.querySelector(".print-meta");
    if (meta && meta.getAttribute("data-template")) {
      var date = new Date().toLocaleDateString(doc.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
      meta.textContent = meta.getAttribute("data-template").replace("{address}", location.href).replace("{date}", date);
      meta.hidden = false;
    }
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  /* Tabs component: without JavaScript, [data-tabs] is a series of headed sections.
     Here it gets a tab row (WAI-ARIA tabs pattern, automatic activation). */
  var tabSets = document.querySelectorAll("[data-tabs]");
  for (var t = 0; t < tabSets.length; t++) enhanceTabs(tabSets[t]);

  function enhanceTabs(box) {
    var panels = [], tabs = [];
    for (var c = box.firstElementChild; c; c = c.nextElementSibling) {
      if (c.classList.contains("tab-panel")) panels.push(c);
    }
    if (!panels.length || box.classList.contains("is-enhanced")) return;
    var list = document.createElement("div");
    list.className = "tabs-list";
    list.setAttribute("role", "tablist");
    if (box.getAttribute("data-label")) list.setAttribute("aria-label", box.getAttribute("data-label"));
    panels.forEach(function (panel, n) {
      if (!panel.id) panel.id = "phare-tabs-" + t + "-" + (n + 1);
      var heading = panel.querySelector(".tab-title");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "tab";
      tab.id = panel.id + "-label";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = heading ? heading.textContent : String(n + 1);
      tab.addEventListener("click", function () { select(n, false); });
      tab.addEventListener("keydown", onKey);
      list.appendChild(tab);
      tabs.push(tab);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
    });
    box.insertBefore(list, panels[0]);
    box.classList.add("is-enhanced");

    function select(n, focus) {
      tabs.forEach(function (tab, i) {
        var on = i === n;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) tabs[n].focus();
    }
    function onKey(e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var i = tabs.indexOf(e.currentTarget), last = tabs.length - 1, n;
      if (e.key === "ArrowRight" || e.key === "Right") n = i === last ? 0 : i + 1;
      else if (e.key === "ArrowLeft" || e.key === "Left") n = i === 0 ? last : i - 1;
      else if (e.key === "Home") n = 0;
      else if (e.key === "End") n = last;
      else return;
      e.preventDefault();
      select(n, true);
    }
    /* Show the tab that holds the linked fragment (#c3-tab-2 or an id inside a panel). */
    function fromHash() {
      var id = location.hash.slice(1), target = null;
      try { id = decodeURIComponent(id); } catch (err) { /* keep it raw */ }
      if (id) target = document.getElementById(id);
      for (var i = 0; i < panels.length; i++) {
        if (target && panels[i].contains(target)) { select(i, false); return target; }
      }
      return null;
    }
    if (!fromHash()) select(0, false);
    window.addEventListener("hashchange", function () {
      var target = fromHash();
      if (target) target.scrollIntoView();
    });
  }
})();
