// The render worker's loader (a classic worker: importScripts works in every browser). Requests
// that arrive while the wasm loads wait for it; every request gets an answer, [id, ok, text], even
// when the module cannot load, so the page never waits for nothing.
"use strict";
importScripts("./quire-render.js");
var ready = wasm_bindgen({ module_or_path: "./quire-render_bg.wasm" });
self.onmessage = function (event) {
  var id = event.data[0];
  ready
    .then(function () {
      return wasm_bindgen.render(event.data[1], event.data[2], event.data[3]);
    })
    .then(
      function (html) {
        self.postMessage([id, true, html]);
      },
      function (error) {
        self.postMessage([id, false, String(error)]);
      }
    );
};
