// Review workspace: save sentences in place (fetch, JSON), keyboard flow.
// Without JavaScript every sentence is a plain form that posts and comes back here.
(function () {
  "use strict";

  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".seg")); }

  function focusRow(row) {
    if (!row) { return; }
    var area = row.querySelector("textarea");
    row.scrollIntoView({ block: "center" });
    if (area) { area.focus(); area.setSelectionRange(area.value.length, area.value.length); }
  }

  function current() {
    var el = document.activeElement;
    return el && el.closest ? el.closest(".seg") : null;
  }

  function step(delta, onlyAttention) {
    var all = rows();
    var at = all.indexOf(current());
    for (var i = 1; i <= all.length; i++) {
      var row = all[(at + delta * i + all.length * 2) % all.length];
      if (!onlyAttention || row.getAttribute("data-attention") === "1") { return focusRow(row); }
    }
  }

  function showError(row, message) {
    var line = row.querySelector(".error-line");
    if (!line) {
      line = document.createElement("p");
      line.className = "error-line";
      line.setAttribute("role", "alert");
      row.appendChild(line);
    }
    line.textContent = message;
  }

  function showNotice(row, message) {
    var line = document.createElement("p");
    line.className = "notice-line";
    line.setAttribute("role", "status");
    line.textContent = message;
    row.appendChild(line);
  }

  // The glossary panel: a click on a term inserts it into the sentence being edited (the
  // last textarea that had the focus), at the cursor. Without JS the panel is a plain list.
  var lastArea = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".seg-form textarea[name=text]")) { lastArea = event.target; }
  });

  function insertTerm(text) {
    var area = lastArea && document.body.contains(lastArea) ? lastArea : document.querySelector(".seg-form textarea[name=text]");
    if (!area) { return; }
    var start = area.selectionStart, end = area.selectionEnd;
    var before = area.value.slice(0, start);
    var spaced = before && !/\s$/.test(before) ? " " + text : text;
    area.setRangeText(spaced, start, end, "end");
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function bindGlossary() {
    var panel = document.getElementById("glossary-panel");
    if (!panel) { return; }
    panel.querySelectorAll("[data-insert]").forEach(function (term) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "small term-insert";
      button.textContent = term.textContent;
      button.setAttribute("lang", term.getAttribute("lang") || "");
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the cursor
      button.addEventListener("click", function () { insertTerm(term.getAttribute("data-insert")); });
      term.textContent = "";
      term.appendChild(button);
    });
    panel.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  }

  // The header's live state from a save's JSON reply (views._row_json -> header.header_state):
  // the status badge, the blockers that gate "Mark ready", and that button.
  function updateHeader(state) {
    if (!state) { return; }
    var badge = document.querySelector("#review-status .badge");
    if (badge && (badge.textContent !== state.status_label || !badge.classList.contains("badge-" + state.status))) {
      badge.className = "badge badge-" + state.status;
      badge.textContent = state.status_label;  // inside an aria-live region: announced
    }
    var list = document.getElementById("ready-blockers");
    if (list) {
      list.textContent = "";
      state.messages.forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
      list.hidden = !state.blocked;
    }
    var clear = document.getElementById("ready-clear");
    if (clear) { clear.hidden = state.blocked; }
    var button = document.getElementById("mark-ready");
    if (button) { button.disabled = !state.can_mark_ready; }
  }

  function submit(form, submitter) {
    var row = form.closest(".seg");
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value || "1"); }
    row.classList.add("saving");
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (r) { return r.json(); })
      .then(function (reply) {
        row.classList.remove("saving");
        if (!reply.ok && !reply.row) { return showError(row, reply.message); }
        var holder = document.createElement("div");
        holder.innerHTML = reply.row.trim();
        var fresh = holder.firstElementChild;
        row.replaceWith(fresh);
        bind(fresh);
        var summary = document.getElementById("review-summary");
        if (summary && reply.summary) {
          holder.innerHTML = reply.summary.trim();
          summary.replaceWith(holder.firstElementChild);
        }
        updateHeader(reply.header);
        if (!reply.ok) {  // refused (a blocking finding): the text is saved, not approved
          showError(fresh, reply.message);
          var why = fresh.querySelector("details.seg-override");
          if (why) { why.open = true; }
          return focusRow(fresh);
        }
        if (reply.message) { showNotice(fresh, reply.message); }
        var following = reply.next && document.getElementById(reply.next);
        if (following) { focusRow(following); }
        else if (reply.next && reply.next_url) { window.location.href = reply.next_url; }  // another page
        else { focusRow(fresh); }
      })
      .catch(function () {
        row.classList.remove("saving");
        form.submit();  // fall back to the plain form
      });
  }

  function bind(row) {
    row.querySelectorAll("form.seg-form, form.fix-form, form.use-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.fetch) { return; }
        event.preventDefault();
        var target = form.classList.contains("use-form") ? row.querySelector("form.seg-form") : form;
        if (form.classList.contains("use-form")) {
          var area = target.querySelector("textarea");
          area.value = form.querySelector("input[name=text]").value;
          return focusRow(row);
        }
        submit(target, event.submitter);
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    var row = current();
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && row) {
      event.preventDefault();
      var form = row.querySelector("form.seg-form");
      submit(form, form.querySelector("[data-key=approve-next]"));
    } else if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S") && row) {
      event.preventDefault();
      var saveForm = row.querySelector("form.seg-form");
      submit(saveForm, saveForm.querySelector("[data-key=save]"));
    } else if (event.altKey && event.key === "ArrowDown") {
      event.preventDefault(); step(1, false);
    } else if (event.altKey && event.key === "ArrowUp") {
      event.preventDefault(); step(-1, false);
    } else if (event.altKey && event.code === "KeyN") {
      event.preventDefault(); step(1, true);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    rows().forEach(bind);
    bindGlossary();
    var hash = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (hash && hash.classList.contains("seg")) { focusRow(hash); }
  });
})();
