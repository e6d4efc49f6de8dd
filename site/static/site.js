// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button.copy-link").forEach(function (btn) {
    if (!navigator.clipboard) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var input = document.querySelector(btn.getAttribute("data-copy"));
      if (!input) return;
      navigator.clipboard.writeText(input.value).then(function () {
        btn.textContent = "Đã sao chép";
        setTimeout(function () { btn.textContent = "Sao chép"; }, 2000);
      });
    });
  });
});

// Headlines offered while typing in a search box (input[data-suggest]): an
// ARIA combobox with a listbox. Arrow keys move, Enter opens the headline,
// Escape closes; without this script the box is a plain search form.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.fetch) return;
  document.querySelectorAll("input[data-suggest]").forEach(function (input, n) {
    var list = document.createElement("ul");
    list.id = "goi-y-" + n;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý tin bài");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var items = [], active = -1, timer = 0, seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(i) {
      active = i;
      items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function show(found) {
      list.textContent = "";
      items = found.map(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.title;
        li.dataset.url = s.url;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = s.url; });
        list.appendChild(li);
        return li;
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value;
      if (q.trim().length < 2) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (d) { if (mine === seq && document.activeElement === input) show(d.items || []); })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === "Escape") { e.preventDefault(); close(); } // keep the text: a second Escape clears it
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = items[active].dataset.url; }
    });
    input.addEventListener("blur", close);
    // Enter on a chosen headline opens it rather than submitting the form.
    if (input.form) input.form.addEventListener("submit", function (e) {
      if (!list.hidden && active >= 0) { e.preventDefault(); location.href = items[active].dataset.url; }
    });
  });
});
