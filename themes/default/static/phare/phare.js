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
})();
