// Live progress bars for machine-translation jobs: polls the job's JSON until it ends,
// then reloads the page to show the draft (or the error).
(function () {
  "use strict";
  function watch(box) {
    var bar = box.querySelector("progress");
    var label = box.querySelector(".job-label");
    var url = box.getAttribute("data-job-url");
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (job) {
          bar.max = job.total || 1;
          bar.value = job.done;
          label.textContent = job.label;
          if (job.active) { setTimeout(poll, 1000); return; }
          // Say it is finished before the page reloads to show the draft (or the error).
          if (job.message) { bar.value = bar.max; label.textContent = job.message; }
          setTimeout(function () { window.location.reload(); }, job.message ? 1200 : 0);
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    poll();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-job-url]").forEach(watch);
  });
})();
