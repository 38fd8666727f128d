// Counts one read of the story on this page (articles/reads): a beacon to our own address,
// no cookie set or read. Without JavaScript, the page's <noscript> image does the same.
(function () {
  "use strict";
  var story = document.querySelector("[data-read-url]");
  if (!story) {
    return;
  }
  var url = story.getAttribute("data-read-url");
  if (navigator.sendBeacon && navigator.sendBeacon(url)) {
    return;
  }
  if (window.fetch) {
    window.fetch(url, { method: "POST", keepalive: true, credentials: "omit" });
  }
})();
