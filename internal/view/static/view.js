// newsmill view: hovering a quote outlines its speaker mention and its row
// in the quotes table, and the other way round. No other behaviour; the
// pages work without it.
(function () {
  "use strict";
  function link(a, b, on) {
    [a, b].forEach(function (el) { if (el) { el.classList.toggle("hot", on); } });
  }
  document.querySelectorAll(".quote[id]").forEach(function (q) {
    var ref = q.getAttribute("data-ref");
    var sp = ref ? document.getElementById(ref) : null;
    var row = document.getElementById("row-" + q.id);
    q.addEventListener("mouseenter", function () { link(q, sp, true); link(row, null, true); });
    q.addEventListener("mouseleave", function () { link(q, sp, false); link(row, null, false); });
  });
})();
