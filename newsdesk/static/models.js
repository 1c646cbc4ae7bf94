// The models page's upload: sends the .argosmodel with XMLHttpRequest to show a progress
// bar, then "installing…" until the server answers. Without JavaScript the form posts plainly.
(function () {
  "use strict";
  function enhance(form) {
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var label = box.querySelector(".upload-label");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.FormData) { return; }
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.max = e.total;
          bar.value = e.loaded;
          label.textContent = Math.round((100 * e.loaded) / e.total) + "%";
        }
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        label.textContent = form.getAttribute("data-installing");
      });
      xhr.addEventListener("load", function () {
        var next = null;
        try { next = JSON.parse(xhr.responseText).next; } catch (e) { next = null; }
        if (next) { window.location.assign(next); return; }
        label.textContent = form.getAttribute("data-failed");
        button.disabled = false;
      });
      xhr.addEventListener("error", function () {
        label.textContent = form.getAttribute("data-failed");
        button.disabled = false;
      });
      box.hidden = false;
      button.disabled = true;
      bar.value = 0;
      label.textContent = "0%";
      xhr.send(new FormData(form));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("model-upload");
    if (form) { enhance(form); }
  });
})();
