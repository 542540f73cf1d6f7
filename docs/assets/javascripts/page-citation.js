/* "Cite this page" (scripts/ketamine_site/pagecitation.py writes the block).
 *
 * Without this script the citation is plain, selectable text with a bracketed accessed date and
 * the copy button stays hidden. With it: the accessed date becomes today's, the URL follows the
 * section the reader arrived at (#id of a heading), and the button copies exactly the text shown.
 * No third-party code: the Clipboard API, or a hidden textarea where that API is unavailable.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function today() {
    // AMA writes dates as "December 3, 2026". Not toLocaleDateString: its first call loads the
    // browser's locale data, 13-28 ms on a fast machine and four times that on Lighthouse's
    // throttled phone, a long task on every page for twelve fixed English words.
    var now = new Date();
    return MONTHS[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
  }

  function sectionHash(block) {
    if (location.hash.length < 2) return "";
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    // Only a section heading is cited; a reference-list entry or this block itself is not.
    if (!target || block.contains(target) || !/^H[2-6]$/.test(target.tagName)) return "";
    return location.hash;
  }

  function text(block) {
    var shown = block.querySelector(".page-citation__text").textContent;
    return shown.replace(/\s+/g, " ").trim();
  }

  function copy(value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      document.body.removeChild(area);
      if (copied) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function setUp(block) {
    var url = block.querySelector(".page-citation__url");
    var button = block.querySelector(".page-citation__copy");
    var status = block.querySelector(".page-citation__status");
    var fill = block.querySelector(".page-citation__fill");
    function follow() {
      url.textContent = url.getAttribute("data-page-url") + sectionHash(block);
    }
    block.querySelector(".page-citation__accessed").textContent = today();
    if (fill) fill.hidden = true;  // nothing left for the reader to fill in
    var follows = block.querySelector(".page-citation__follows");
    if (follows) follows.hidden = false;  // true only with this script
    follow();
    window.addEventListener("hashchange", follow);
    button.hidden = false;
    button.addEventListener("click", function () {
      follow();
      status.textContent = "";
      copy(text(block)).then(
        function () {
          status.textContent = "Citation copied.";
        },
        function () {
          status.textContent = "Could not copy: select the citation above and copy it.";
        }
      );
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".page-citation"), setUp);
})();
