// Toà Soạn newsroom, media library: click a picture to set its focal
// point (the number fields stay the way to do it without a mouse or
// without this script), and refuse an oversize file before sending it.
(function () {
  "use strict";

  var picker = document.querySelector("[data-focal-picker]");
  var form = document.querySelector("[data-focal-form]");
  if (picker && form) {
    var img = picker.querySelector("img");
    var mark = picker.querySelector("[data-focal-mark]");
    var fx = form.elements.tieu_diem_x;
    var fy = form.elements.tieu_diem_y;
    var place = function () {
      var x = Math.min(100, Math.max(0, Number(fx.value) || 0));
      var y = Math.min(100, Math.max(0, Number(fy.value) || 0));
      mark.style.left = x + "%";
      mark.style.top = y + "%";
      mark.hidden = false;
    };
    picker.classList.add("focal-live");
    img.addEventListener("click", function (ev) {
      var box = img.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return;
      fx.value = Math.round(((ev.clientX - box.left) / box.width) * 100);
      fy.value = Math.round(((ev.clientY - box.top) / box.height) * 100);
      place();
    });
    fx.addEventListener("input", place);
    fy.addEventListener("input", place);
    place();
  }

  var upload = document.querySelector("[data-upload-form]");
  if (upload) {
    var file = upload.elements.tep;
    var note = upload.querySelector("[data-upload-error]");
    var maxMB = Number(file.getAttribute("data-max-bytes")) || 20;
    var check = function () {
      var f = file.files && file.files[0];
      var tooBig = f && f.size > maxMB * 1024 * 1024;
      note.hidden = !tooBig;
      note.textContent = tooBig ? "Tệp lớn quá " + maxMB + " MB nên không gửi được. Mời bạn thu nhỏ ảnh rồi chọn lại." : "";
      return !tooBig;
    };
    file.addEventListener("change", check);
    upload.addEventListener("submit", function (ev) {
      if (!check()) ev.preventDefault();
    });
  }
})();
