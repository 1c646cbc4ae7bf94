// Never lose a word in the article editor.
// - A copy of the form in this browser (localStorage) at every change, kept until the
//   server confirms it has the text, keyed by user, story, language and base version.
// - Every few seconds, when the text changed, a draft on the server (never the article).
// - On load, the offer to restore unsaved text from the browser copy, when it is newer than
//   the server's draft (the server renders its own offer; it works without this script).
// - Who else has the article open, refreshed by a ping.
// Every string comes localized from the form's data-msg-* attributes.
(function () {
  "use strict";

  var FIELDS = ["title", "slug", "lead", "body", "tags", "status", "lang"];

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function responseTime() {
    var nav = window.performance && performance.getEntriesByType &&
      performance.getEntriesByType("navigation")[0];
    return nav && nav.responseStart ? performance.timeOrigin + nav.responseStart : Date.now();
  }

  // A browser copy exists only while the server has not confirmed its text, so it wins
  // unless the server's draft is clearly newer (written from another tab or device).
  var TIE_MS = 2000;

  function start(form) {
    var d = form.dataset;
    var line = document.getElementById("autosave-status");
    var notice = document.getElementById("recovery");
    var presenceBox = document.getElementById("presence-notice");
    var prefix = d.draftPrefix;
    var unsaved = d.unsaved === "1";
    var serverDraftAt = Number(notice && notice.getAttribute("data-draft-at")) || 0;
    // Server time minus this browser's time, to compare browser copies with server drafts:
    // the server wrote data-now just before the response started.
    var skew = (Number(d.now) || Date.now()) - responseTime();
    var pristine = values();
    var lastSent = unsaved ? null : pristine;  // the text the server already holds
    var inFlight = false;
    var submitting = false;
    var offered = null;
    var typingTimer = null;

    function values() {
      var out = {};
      FIELDS.forEach(function (name) {
        var el = form.elements.namedItem(name);
        if (el && el.name === name) { out[name] = el.value; }
      });
      return out;
    }

    function same(a, b) { return !!a && !!b && JSON.stringify(a) === JSON.stringify(b); }

    function base() {
      var el = form.elements.namedItem("base_version");
      return el ? el.value : "";
    }

    function token() {
      var el = form.elements.namedItem("csrf_token");
      return el ? el.value : "";
    }

    function setToken(value) {
      document.querySelectorAll("input[name=csrf_token]").forEach(function (el) { el.value = value; });
    }

    function say(text, kind) {
      if (!line) { return; }
      line.textContent = text;
      line.className = "autosave-status" + (kind ? " is-" + kind : "");
    }

    function timeLabel(ms) {
      var options = { hour: "numeric", minute: "2-digit" };
      if (d.timezone) { options.timeZone = d.timezone; }
      try {
        return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options)
          .format(new Date(ms));
      } catch (e) {
        return new Date(ms).toLocaleTimeString();
      }
    }

    function localCopies() {
      var store = storage();
      var found = [];
      if (!store) { return found; }
      for (var i = 0; i < store.length; i++) {
        var key = store.key(i);
        if (key && key.indexOf(prefix) === 0) {
          try { found.push({ key: key, copy: JSON.parse(store.getItem(key)) }); } catch (e) { /* unreadable: skip */ }
        }
      }
      return found;
    }

    function dropLocal() {
      var store = storage();
      localCopies().forEach(function (c) { store.removeItem(c.key); });
    }

    // Write the browser copy; true when the text is safe in this browser.
    function keepLocal(submitted) {
      var store = storage();
      var now = values();
      if (!store) { return false; }
      if (!unsaved && same(now, pristine)) {
        store.removeItem(prefix + base());
        return false;  // nothing unsaved
      }
      if (!submitted && same(now, lastSent)) {
        dropLocal();
        return true;  // the server confirmed this very text
      }
      try {
        // One copy per article: the newest text replaces a copy made on another version.
        localCopies().forEach(function (c) {
          if (c.key !== prefix + base()) { store.removeItem(c.key); }
        });
        store.setItem(prefix + base(), JSON.stringify({
          fields: now, savedAt: Date.now(), base: base(), submitted: !!submitted
        }));
        return true;
      } catch (e) {
        return false;  // storage full or disabled
      }
    }

    // ---- the offer to restore a browser copy --------------------------------------------
    function chooseLocalCopy() {
      if (unsaved || !notice) { return null; }  // the form already shows unsaved text
      var mine = (d.myVersions || "").split(",").filter(Boolean).map(Number);
      var created = Number(d.createdAt) || 0;  // new-story form: this user's latest story
      var best = null;
      localCopies().forEach(function (c) {
        var copy = c.copy;
        var done = !copy || !copy.fields || same(copy.fields, pristine) ||
          // its Save went through: this user's save created the version after its base
          (copy.submitted && mine.indexOf(Number(copy.base) + 1) !== -1) ||
          // a new story's Save went through: the user created a story right after it
          (copy.submitted && created && created + TIE_MS >= copy.savedAt + skew);
        if (done) { storage().removeItem(c.key); return; }
        if (!best || copy.savedAt > best.savedAt) { best = copy; }
      });
      if (!best || (serverDraftAt && best.savedAt + skew + TIE_MS < serverDraftAt)) { return null; }
      return best;
    }

    function offerLocal(copy) {
      var version = Number(d.articleVersion) || 0;
      notice.querySelector(".recovery-text").textContent =
        d.msgLocal.replace("{time}", timeLabel(copy.savedAt));
      notice.querySelector(".recovery-stale").hidden = !(version && Number(copy.base) < version);
      notice.hidden = false;
      offered = copy;
    }

    function restore(copy) {
      Object.keys(copy.fields).forEach(function (name) {
        var el = form.elements.namedItem(name);
        if (!el || el.name !== name) { return; }
        if (el.tagName === "SELECT" &&
            !Array.prototype.some.call(el.options, function (o) { return o.value === copy.fields[name]; })) {
          return;
        }
        el.value = copy.fields[name];
      });
      var baseField = form.elements.namedItem("base_version");
      if (baseField && copy.base) { baseField.value = copy.base; }
      notice.hidden = true;
      offered = null;
      say(d.msgRestored, "ok");
      var first = form.querySelector("textarea, input[type=text]");
      if (first) { first.focus(); }
      keepLocal(false);
      tick();
    }

    function bindNotice() {
      if (!notice) { return; }
      var restoreLink = notice.querySelector(".recovery-restore");
      var discardForm = notice.querySelector(".recovery-discard");
      restoreLink.addEventListener("click", function (event) {
        if (offered) {
          event.preventDefault();
          restore(offered);
        } else {
          dropLocal();  // the server's draft is newer; it comes back with the next page
        }
      });
      discardForm.addEventListener("submit", function (event) {
        dropLocal();
        if (!offered) { return; }  // the server's draft: a plain form post
        event.preventDefault();
        if (serverDraftAt) {
          fetch(discardForm.action, {
            method: "POST", body: new FormData(discardForm), credentials: "same-origin",
            redirect: "manual", headers: { Accept: "application/json" }
          }).catch(function () { /* the server copy stays; it is offered again later */ });
        }
        notice.hidden = true;
        offered = null;
        say(d.msgDiscarded);
      });
    }

    // ---- autosave to the server -----------------------------------------------------------
    function post(url, body) {
      return fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        redirect: "manual", headers: { Accept: "application/json" }
      }).then(function (r) {
        // A redirect here is the login page: the session is gone.
        if (r.type === "opaqueredirect" || r.status === 401) { throw { expired: true }; }
        return r.json().then(
          function (data) { return { ok: r.ok, data: data }; },
          function () { return { ok: false, data: null }; }
        );
      });
    }

    var retried = false;
    function tick() {
      if (!d.autosaveUrl || inFlight || submitting) { return; }
      var sent = values();
      if (same(sent, lastSent)) { return; }
      inFlight = true;
      post(d.autosaveUrl, new FormData(form)).then(function (res) {
        inFlight = false;
        if (res.ok && res.data) {
          retried = false;
          lastSent = sent;
          if (same(values(), sent)) { dropLocal(); }  // the server has it now
          say(res.data.label, "ok");
          return;
        }
        var error = res.data && res.data.error;
        keepLocal(false);
        if (error && error.code === "csrf" && res.data.csrf_token && !retried) {
          retried = true;  // the token expired, the session did not: retry once with a new one
          setToken(res.data.csrf_token);
          tick();
          return;
        }
        say(d.msgFailed, "warn");
      }).catch(function (e) {
        inFlight = false;
        keepLocal(false);
        say(e && e.expired ? d.msgExpired : d.msgOffline, "warn");
      });
    }

    function changed() {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () {
        if (keepLocal(false) && !d.autosaveUrl) { say(d.msgKept); }
      }, 300);
    }

    // ---- presence -------------------------------------------------------------------------
    function ping() {
      var body = new FormData();
      body.append("csrf_token", token());
      post(d.presenceUrl, body).then(function (res) {
        var data = res.data || {};
        if (res.ok && typeof data.message === "string") {
          presenceBox.textContent = data.message;
          presenceBox.hidden = !data.message;
        } else if (data.error && data.error.code === "csrf" && data.csrf_token) {
          setToken(data.csrf_token);
        }
      }).catch(function (e) {
        if (e && e.expired) { keepLocal(false); say(d.msgExpired, "warn"); }
      });
    }

    // ---- wiring ---------------------------------------------------------------------------
    var copy = chooseLocalCopy();
    if (copy) { offerLocal(copy); }
    bindNotice();
    if (unsaved) { keepLocal(false); }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      submitting = true;
      // Whatever the server answers (an expired session included), the text stays here.
      if (keepLocal(true)) {
        var flag = document.createElement("input");
        flag.type = "hidden";
        flag.name = "kept_in_browser";
        flag.value = "1";
        form.appendChild(flag);
      }
    });
    window.addEventListener("pagehide", function () {
      if (!submitting) { keepLocal(false); }
      if (d.presenceUrl && navigator.sendBeacon) {
        var body = new FormData();
        body.append("csrf_token", token());
        body.append("leaving", "1");
        navigator.sendBeacon(d.presenceUrl, body);
      }
    });
    // Back from the back/forward cache: the page runs again without a load event.
    window.addEventListener("pageshow", function (event) { if (event.persisted) { submitting = false; } });
    if (d.autosaveUrl) {
      setInterval(tick, Number(d.autosaveMs) || 5000);
      window.addEventListener("online", tick);
    }
    if (d.presenceUrl && presenceBox) {
      setInterval(ping, Number(d.presenceMs) || 15000);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.article-form[data-draft-prefix]");
    if (form && window.fetch && window.FormData) { start(form); }
  });
})();
