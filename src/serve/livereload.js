(function () {
  var instance = __DOSSIER_INSTANCE__, generation = __DOSSIER_GENERATION__, dismissed = -1;
  function overlay(error, version) {
    var el = document.getElementById("__dossier-overlay");
    if (!error || dismissed === version) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("div");
      el.id = "__dossier-overlay";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(24,24,24,.95);color:#f3f3f3;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      var head = document.createElement("p");
      head.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8a80";
      head.textContent = "dossier serve: the last change does not build. The page below is the last good build; fix the error and save to reload.";
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap;font:inherit";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Dismiss";
      close.style.cssText = "margin-top:1rem;font:inherit";
      close.onclick = function () { dismissed = version; el.remove(); };
      el.appendChild(head); el.appendChild(pre); el.appendChild(close);
      document.body.appendChild(el);
    }
    el.querySelector("pre").textContent = error;
  }
  function apply(s) {
    if (s.instance !== instance || s.generation !== generation) { location.reload(); return false; }
    overlay(s.error, s.version);
    return true;
  }
  function get(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); });
  }
  // One tab polls and tells the others, so that many open tabs do not use
  // up the browser's connections to the server.
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("dossier-live-reload") : null;
  if (channel) channel.onmessage = function (e) { apply(e.data); };
  function poll(since, done) {
    get("/__dossier/poll?since=" + since)
      .then(function (s) {
        if (channel) channel.postMessage(s);
        if (apply(s)) poll(s.version, done); else done();
      })
      .catch(function () { setTimeout(function () { poll(since, done); }, 1000); });
  }
  if (channel && navigator.locks) {
    get("/__dossier/status").then(apply, function () {});
    navigator.locks.request("dossier-live-reload", function () {
      return new Promise(function (resolve) { poll(0, resolve); });
    });
  } else {
    poll(0, function () {});
  }
})();
