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
