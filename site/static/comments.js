// The comment form, better with JavaScript: the diacritics check runs as
// the reader types (ToasoanDiacritics.check, the same rules as the server),
// and a toneless comment gets the text with its diacritics restored by the
// server's model, offered to accept with one click or to edit; never
// applied by itself. The attachments' total size is checked before
// sending. Without this file the form posts and the server says the same.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("gui-y-kien");
  if (!form || !window.ToasoanDiacritics) return;
  var body = form.querySelector("textarea[name=noi_dung]");
  var hint = document.getElementById("y-kien-dau");
  var files = form.querySelector("input[type=file]");
  var fileError = document.getElementById("y-kien-tep-loi");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 10485760;
  var suggestURL = form.getAttribute("data-suggest");
  var timer = 0, seq = 0, lastChecked = null;

  function clear() {
    hint.textContent = "";
    hint.className = "diacritics-check";
  }

  // offer shows a restored text with the buttons to take it or leave it.
  function offer(box, restored) {
    var p = document.createElement("p");
    p.textContent = "Gợi ý văn bản có dấu:";
    var q = document.createElement("blockquote");
    q.className = "suggestion-text";
    q.textContent = restored;
    var use = document.createElement("button");
    use.type = "button";
    use.className = "suggestion-accept";
    use.textContent = "Dùng gợi ý này";
    use.addEventListener("click", function () {
      body.value = restored;
      clear();
      var old = form.querySelector(".comment-suggestion");
      if (old) old.parentNode.removeChild(old);
      body.focus();
      lastChecked = null;
      check();
    });
    var skip = document.createElement("button");
    skip.type = "button";
    skip.className = "suggestion-dismiss";
    skip.textContent = "Bỏ qua";
    skip.addEventListener("click", function () {
      box.removeChild(wrap);
      body.focus();
    });
    var note = document.createElement("p");
    note.className = "comment-hint";
    note.textContent = "Bấm “Dùng gợi ý này” để thay nội dung, rồi sửa lại những chữ chưa đúng trước khi gửi.";
    var wrap = document.createElement("div");
    wrap.className = "suggestion";
    wrap.appendChild(p);
    wrap.appendChild(q);
    wrap.appendChild(use);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(skip);
    wrap.appendChild(note);
    box.appendChild(wrap);
  }

  function suggest(text) {
    if (!window.fetch || !suggestURL) return;
    var mine = ++seq;
    fetch(suggestURL, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "Accept": "application/json" },
      body: "noi_dung=" + encodeURIComponent(text)
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (mine !== seq || body.value !== text || !d || !d.missing || !d.restored) return;
        offer(hint, d.restored);
      })
      .catch(function () {});
  }

  function check() {
    var text = body.value;
    if (text === lastChecked) return;
    lastChecked = text;
    var v = window.ToasoanDiacritics.check(text);
    clear();
    if (!v.missing) { seq++; return; }
    hint.className = "diacritics-check diacritics-missing";
    var msg = document.createElement("p");
    msg.className = "diacritics-message";
    msg.textContent = v.message;
    hint.appendChild(msg);
    suggest(text);
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  body.addEventListener("blur", check);

  // A suggestion the server made when it refused the text.
  var served = form.querySelector(".comment-suggestion[data-suggestion]");
  if (served) {
    var q = served.querySelector(".suggestion-text");
    if (q) served.removeChild(q);
    var p = served.querySelector("p");
    if (p) served.removeChild(p);
    offer(served, served.getAttribute("data-suggestion"));
  }

  function checkFiles() {
    if (!files) return true;
    var total = 0, n = files.files ? files.files.length : 0;
    for (var i = 0; i < n; i++) total += files.files[i].size;
    var msg = "";
    if (n > 5) msg = "Mỗi ý kiến chỉ được đính kèm tối đa 5 tệp.";
    else if (total > maxBytes) msg = "Tổng dung lượng tệp đính kèm là " + (total / 1048576).toFixed(1).replace(".", ",") + "MB, vượt quá 10MB. Mời bạn bớt tệp hoặc chọn tệp nhỏ hơn.";
    files.setCustomValidity(msg);
    fileError.textContent = msg;
    fileError.hidden = !msg;
    return !msg;
  }
  if (files) files.addEventListener("change", checkFiles);

  // The browser's own file button speaks the browser's language ("Choose
  // Files"): a Vietnamese button and the chosen names stand in for it. The
  // input stays in the form, focusable; without this script it shows as is.
  if (files) {
    var picked = document.createElement("span");
    picked.className = "file-picked";
    picked.setAttribute("aria-live", "polite");
    var button = document.createElement("label");
    button.className = "file-button";
    button.htmlFor = files.id;
    button.textContent = "Chọn tệp…";
    var showPicked = function () {
      var names = [];
      for (var i = 0; files.files && i < files.files.length; i++) names.push(files.files[i].name);
      picked.textContent = names.length ? names.join(", ") : "Chưa chọn tệp nào.";
    };
    files.classList.add("file-input");
    files.parentNode.insertBefore(button, files.nextSibling);
    files.parentNode.insertBefore(picked, button.nextSibling);
    files.addEventListener("change", showPicked);
    showPicked();
  }

  form.addEventListener("submit", function (e) {
    lastChecked = null;
    check();
    if (hint.className.indexOf("diacritics-missing") >= 0) {
      e.preventDefault();
      body.focus();
      return;
    }
    if (!checkFiles()) e.preventDefault();
  });
});
