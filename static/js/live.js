// A live story's new updates without a reload (articles/live): every 20–30 seconds (the
// page's data-live-seconds, settings.LIVE_POLL_SECONDS, and up to half as long again) the
// updates are asked for again from /live/<id>/, a cached page of our own, and the list is
// replaced by the new one; new updates are marked and announced politely. Without
// JavaScript the page shows every update as it was when loaded.
(function () {
  "use strict";
  var section = document.querySelector("[data-live-url]");
  if (!section || !window.fetch || !window.DOMParser) {
    return;
  }
  var url = section.getAttribute("data-live-url");
  var holder = section.querySelector(".live__updates");
  var status = section.querySelector(".live__status");
  var SECONDS = Number(section.getAttribute("data-live-seconds")) || 20;

  function shownIds(root) {
    return Array.prototype.map.call(root.querySelectorAll("[data-update-id]"), function (item) {
      return item.getAttribute("data-update-id");
    });
  }

  function show(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".live-updates");
    var current = holder.querySelector(".live-updates");
    if (!fresh || !current) {
      return true;
    }
    var known = shownIds(current);
    var added = 0;
    fresh.querySelectorAll("[data-update-id]").forEach(function (item) {
      if (known.indexOf(item.getAttribute("data-update-id")) === -1) {
        item.classList.add("live-update--new");
        added += 1;
      }
    });
    if (fresh.innerHTML !== current.innerHTML) {
      current.replaceWith(document.importNode(fresh, true));
    }
    if (added && status) {
      status.textContent = section.getAttribute("data-new-updates");
    }
    return fresh.getAttribute("data-live") === "1"; // the coverage may have ended
  }

  function ask() {
    if (document.hidden) {
      return Promise.resolve(true); // asked again when the reader comes back
    }
    return window
      .fetch(url, { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        if (response.status === 404) {
          return false; // the story was unpublished, or its coverage removed: stop asking
        }
        return response.ok ? response.text().then(show) : true;
      })
      .catch(function () {
        return true; // offline a moment: try again at the next turn
      });
  }

  function next() {
    // A little spread, so that readers who opened the page together do not ask together.
    window.setTimeout(function () {
      ask().then(function (goOn) {
        if (goOn) {
          next();
        }
      });
    }, SECONDS * (1 + Math.random() / 2) * 1000);
  }

  next();
})();
