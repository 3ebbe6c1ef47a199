// WCAG 2.2.1 Timing Adjustable: the session ends after a time without activity. Shortly before,
// a dialog (web/session_warning.html) offers to stay logged in; its form is sent in the
// background, so whatever the user typed on the page stays. When the time is up anyway, the
// log-in page says why and brings the user back here.
(function () {
  "use strict";

  var dialog = document.getElementById("sessie-waarschuwing");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var form = dialog.querySelector("form");
  var sessionMs = Number(dialog.dataset.sessionSeconds) * 1000;
  var warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  var warnTimer = null;
  var endTimer = null;
  var focusBefore = null;

  function restart() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(warn, Math.max(sessionMs - warningMs, 0));
    // A moment after the server's end, so the session cookie has surely expired.
    endTimer = window.setTimeout(end, sessionMs + 1000);
  }

  function warn() {
    focusBefore = document.activeElement;
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function end() {
    var here = window.location.pathname + window.location.search;
    window.location.assign(dialog.dataset.loginUrl + "?next=" + encodeURIComponent(here));
  }

  // Back to where the user was, whether the button or Escape closed the dialog.
  dialog.addEventListener("close", function () {
    if (focusBefore && typeof focusBefore.focus === "function") {
      focusBefore.focus();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window
      .fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 204) {
          dialog.close();
          restart();
        } else {
          end();
        }
      });
  });

  // Requests without a page load (htmx) renew the session on the server too.
  document.addEventListener("htmx:afterRequest", restart);
  restart();
})();
