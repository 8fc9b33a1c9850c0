// blackline: keyboard navigation between changes. j or n: next change; k or p: previous.
// Every page works without this script.
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll(".sbs .chg[id]")).filter(function (el) {
    return /^c\d+$/.test(el.id);
  });
  if (!marks.length) return;
  var at = -1;
  var fromHash = /^#c(\d+)(-old)?$/.exec(location.hash);
  if (fromHash) at = Number(fromHash[1]) - 1;
  function go(i) {
    if (i < 0 || i >= marks.length) return;
    if (at >= 0 && marks[at]) marks[at].classList.remove("current");
    at = i;
    var el = marks[at];
    el.classList.add("current");
    el.scrollIntoView({ block: "center" });
    if (history.replaceState) history.replaceState(null, "", "#" + el.id);
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target && e.target.tagName;
    if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA") return;
    if (e.key === "j" || e.key === "n") { go(at + 1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(at < 0 ? 0 : at - 1); e.preventDefault(); }
  });
})();
