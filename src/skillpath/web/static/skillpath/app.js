/* Skillpath: small progressive enhancements. Pages work without this file.
   Kept in a static file because the Content-Security-Policy forbids inline scripts. */
(function () {
  "use strict";

  document.documentElement.classList.add("sp-has-js");

  function allDetails() {
    return document.querySelectorAll("details.sp-topics");
  }

  // "Expand all" / "Collapse all" on the roadmap.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-sp-details]");
    if (!button) return;
    var open = button.getAttribute("data-sp-details") === "open";
    allDetails().forEach(function (details) {
      details.open = open;
    });
  });

  // A link to #month-3 (from the timeline) opens that month's topic list.
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    var details = target.matches("details") ? target : target.querySelector("details.sp-topics");
    if (details) details.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Printing the roadmap prints every topic.
  window.addEventListener("beforeprint", function () {
    allDetails().forEach(function (details) {
      details.open = true;
    });
  });

  // After htmx swaps in another month, move focus to its heading so keyboard and screen
  // reader users land on the new content, not on a link that no longer exists.
  document.addEventListener("htmx:afterSettle", function () {
    var heading = document.querySelector("#month-detail [data-sp-focus]");
    if (heading) heading.focus({ preventScroll: true });
  });

  // Running timers count on from the seconds the server measured when it drew the clock
  // (the page, or the part htmx swapped in), so a wrong clock on this computer does not
  // matter.
  var shownAt = new WeakMap();
  var ticking = null;
  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }
  function tick() {
    var now = Date.now();
    var clocks = document.querySelectorAll("[data-sp-elapsed]");
    clocks.forEach(function (clock) {
      if (!shownAt.has(clock)) shownAt.set(clock, now);
      var passed = Math.floor((now - shownAt.get(clock)) / 1000);
      var total = parseInt(clock.getAttribute("data-sp-elapsed"), 10) + passed;
      var hours = Math.floor(total / 3600);
      clock.textContent = hours + ":" + pad(Math.floor((total % 3600) / 60)) + ":" + pad(total % 60);
    });
    if (!clocks.length && ticking !== null) {
      window.clearInterval(ticking);
      ticking = null;
    }
    return clocks.length;
  }
  function startClocks() {
    if (ticking === null && tick()) ticking = window.setInterval(tick, 1000);
  }
  startClocks();
  document.addEventListener("htmx:afterSettle", startClocks);

  // Starting or stopping the timer swaps its controls: the button just pressed is gone, so
  // keyboard focus moves to the new button rather than falling back to the page's start.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.target || event.target.id !== "timer-controls") return;
    var button = event.target.querySelector("button[type=submit]");
    if (button) button.focus();
  });

  // "Done" on Today swaps the whole page body and its button is gone: focus goes to the
  // "Study today" heading, not back to the start of the page.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.target || event.target.id !== "today-main") return;
    var heading = document.getElementById("today-title");
    if (heading) heading.focus({ preventScroll: true });
  });

  // Escape closes the collapsed navbar menu and gives focus back to its button (Bootstrap
  // closes it only from the button).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !window.bootstrap) return;
    var menu = document.querySelector(".navbar-collapse.show");
    if (!menu) return;
    var toggler = document.querySelector('[data-bs-target="#' + menu.id + '"]');
    if (!menu.contains(event.target) && event.target !== toggler) return;
    window.bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false }).hide();
    if (toggler) toggler.focus();
  });

  // "Copy" buttons next to read-only fields (the calendar's private address).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-sp-copy]");
    if (!button) return;
    var field = document.querySelector(button.getAttribute("data-sp-copy"));
    var status = document.querySelector("[data-sp-copy-status]");
    if (!field) return;
    function done() {
      if (status) status.textContent = button.getAttribute("data-sp-copied");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        field.select();
      });
    } else {
      field.select();
      if (document.execCommand && document.execCommand("copy")) done();
    }
  });
})();

/* Reviews: Space shows the answer, 1–4 grade it. Keys typed into an answer field stay there. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var panel = document.querySelector("[data-sp-review]");
    if (!panel || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var wanted = event.key === " " ? " " : event.key;
    var buttons = panel.querySelectorAll("[data-sp-key]");
    for (var i = 0; i < buttons.length; i++) {
      var keys = buttons[i].getAttribute("data-sp-key");
      if (keys === wanted || (wanted !== " " && keys.split(" ").indexOf(wanted) !== -1)) {
        event.preventDefault();
        buttons[i].click();
        return;
      }
    }
  });
})();
