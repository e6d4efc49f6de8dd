// Keyboard shortcuts for the comment queue: j/k move between comments,
// a approves, r moves to the rejection reason, e opens the comment, x ticks
// it for a bulk action. Ignored while typing in a field. Every shortcut
// presses a button or follows a link that also works by hand.
document.addEventListener("DOMContentLoaded", function () {
  var items = Array.prototype.slice.call(document.querySelectorAll(".mod-item"));
  if (!items.length) return;
  var current = -1;
  function select(i) {
    if (i < 0 || i >= items.length) return;
    if (current >= 0) items[current].classList.remove("mod-current");
    current = i;
    items[i].classList.add("mod-current");
    items[i].focus();
    items[i].scrollIntoView({ block: "nearest" });
  }
  items.forEach(function (it, i) {
    it.addEventListener("focusin", function () {
      if (current !== i) {
        if (current >= 0) items[current].classList.remove("mod-current");
        current = i;
        it.classList.add("mod-current");
      }
    });
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) {
      if (e.key === "Escape") t.blur();
      return;
    }
    var it = items[current];
    switch (e.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a":
        if (it) { var a = it.querySelector(".mod-approve"); if (a) a.click(); }
        break;
      case "r":
        if (it) { var r = it.querySelector(".mod-reason"); if (r) { r.focus(); e.preventDefault(); } }
        break;
      case "e":
        if (it) { var o = it.querySelector(".mod-open"); if (o) location.href = o.href; }
        break;
      case "x":
        if (it) { var c = it.querySelector("input[name=chon]"); if (c) c.checked = !c.checked; }
        break;
      default:
        return;
    }
  });
  select(0);
});
