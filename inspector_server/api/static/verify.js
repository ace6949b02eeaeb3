// Checks a PDF the person holds against the issued document's SHA-256, in the browser:
// the file is read here and never sent anywhere.
"use strict";
(function () {
  var drop = document.getElementById("drop");
  var input = document.getElementById("pdf");
  var out = document.getElementById("file-result");
  if (!drop || !input || !out) { return; }
  var expected = (drop.getAttribute("data-expected") || "").toLowerCase();

  function hex(buffer) {
    var bytes = new Uint8Array(buffer), s = "";
    for (var i = 0; i < bytes.length; i++) { s += (bytes[i] + 256).toString(16).slice(1); }
    return s;
  }

  // SHA-256 (FIPS 180-4) for pages opened over plain http, where crypto.subtle is absent.
  function sha256(bytes) {
    var K = [], H = [], n = 2, found = 0;
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) >>> 0; }
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) { if (n % d === 0) { prime = false; break; } }
      if (prime) { if (found < 8) { H[found] = frac(Math.pow(n, 1 / 2)); } K[found] = frac(Math.pow(n, 1 / 3)); found++; }
      n++;
    }
    var len = bytes.length, total = ((len + 9 + 63) >> 6) << 6, m = new Uint8Array(total);
    m.set(bytes); m[len] = 0x80;
    var bits = len * 8, view = new DataView(m.buffer);
    view.setUint32(total - 8, Math.floor(bits / 4294967296)); view.setUint32(total - 4, bits >>> 0);
    var w = new Uint32Array(64);
    function rotr(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (var off = 0; off < total; off += 64) {
      for (var t = 0; t < 16; t++) { w[t] = view.getUint32(off + t * 4); }
      for (t = 16; t < 64; t++) {
        var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
      }
      var a = H[0], b = H[1], c = H[2], e = H[4], f = H[5], g = H[6], h = H[7], dd = H[3];
      for (t = 0; t < 64; t++) {
        var t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) >>> 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        h = g; g = f; f = e; e = (dd + t1) >>> 0; dd = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      H[0] = (H[0] + a) >>> 0; H[1] = (H[1] + b) >>> 0; H[2] = (H[2] + c) >>> 0; H[3] = (H[3] + dd) >>> 0;
      H[4] = (H[4] + e) >>> 0; H[5] = (H[5] + f) >>> 0; H[6] = (H[6] + g) >>> 0; H[7] = (H[7] + h) >>> 0;
    }
    var outHex = "";
    for (var i = 0; i < 8; i++) { outHex += (H[i] + 4294967296).toString(16).slice(1); }
    return outHex;
  }

  function digest(buffer) {
    if (window.crypto && window.crypto.subtle && window.isSecureContext) {
      return window.crypto.subtle.digest("SHA-256", buffer).then(hex);
    }
    return Promise.resolve(sha256(new Uint8Array(buffer)));
  }

  function show(result, text) {
    out.setAttribute("data-result", result);
    out.textContent = text;
  }

  function check(file) {
    if (!file) { return; }
    show("working", "正在计算“" + file.name + "”的校验值……");
    file.arrayBuffer().then(digest).then(function (actual) {
      out.setAttribute("data-sha256", actual);
      if (actual === expected) {
        show("match", "文件与签发的文书一致（SHA-256 " + actual + "）。");
      } else {
        show("mismatch", "文件与签发的文书不一致：它不是签发的原件，或已被改动（SHA-256 " + actual + "）。");
      }
    }, function () {
      show("error", "无法读取该文件，请重新选择。");
    });
  }

  input.addEventListener("change", function () { check(input.files && input.files[0]); });
  drop.addEventListener("dragover", function (ev) { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (ev) {
    ev.preventDefault();
    drop.classList.remove("over");
    check(ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0]);
  });
})();
