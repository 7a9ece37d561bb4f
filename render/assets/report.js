// pptpscope report: select a message (click, or keys), show its
// explanation, decoded fields and bytes with the selected field highlighted.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pptpscope-data").textContent);
  var ui = data.ui;
  var panel = document.getElementById("detail");
  var order = [];   // [session, message] in document order, for the keys
  var seen = {};
  var current = -1;

  document.querySelectorAll("tr.msgrow").forEach(function (tr) {
    var key = tr.dataset.s + ":" + tr.dataset.m;
    if (!seen[key]) { seen[key] = order.length; order.push([+tr.dataset.s, +tr.dataset.m]); }
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function hexDump(hex) {
    var pre = el("pre", "hex");
    var n = hex.length / 2;
    for (var row = 0; row < n; row += 16) {
      pre.appendChild(el("span", "off", ("000" + row.toString(16)).slice(-4) + "  "));
      var ascii = "";
      for (var i = row; i < row + 16; i++) {
        if (i < n) {
          var b = hex.substr(i * 2, 2);
          var s = el("span", "", b);
          s.dataset.o = i;
          pre.appendChild(s);
          pre.appendChild(document.createTextNode(i % 8 === 7 ? "  " : " "));
          var c = parseInt(b, 16);
          ascii += c >= 32 && c < 127 ? String.fromCharCode(c) : ".";
        } else {
          pre.appendChild(document.createTextNode(i % 8 === 7 ? "    " : "   "));
        }
      }
      pre.appendChild(el("span", "off", " " + ascii));
      pre.appendChild(document.createTextNode("\n"));
    }
    return pre;
  }

  function highlight(pre, s, e) {
    pre.querySelectorAll("span.hl").forEach(function (x) { x.classList.remove("hl"); });
    if (e <= s) return;
    pre.querySelectorAll("span[data-o]").forEach(function (x) {
      var o = +x.dataset.o;
      if (o >= s && o < e) x.classList.add("hl");
    });
  }

  function fieldRows(tbody, fields, depth, pre) {
    fields.forEach(function (f) {
      var tr = el("tr");
      var name = el("td", "", "\u00a0".repeat(depth * 3) + f.n);
      var val = el("td", "", f.v || "");
      var range = el("td", "", f.e > f.s ? f.s + "\u2013" + (f.e - 1) : "");
      tr.appendChild(name); tr.appendChild(val); tr.appendChild(range);
      tr.dataset.s = f.s; tr.dataset.e = f.e;
      tr.addEventListener("mouseenter", function () { highlight(pre, f.s, f.e); });
      tr.addEventListener("click", function () {
        tbody.querySelectorAll("tr.on").forEach(function (x) { x.classList.remove("on"); });
        tr.classList.add("on");
        pre.dataset.s = f.s; pre.dataset.e = f.e;
        highlight(pre, f.s, f.e);
      });
      tbody.appendChild(tr);
      if (f.c) fieldRows(tbody, f.c, depth + 1, pre);
    });
  }

  function show(si, mi) {
    var m = (data.sessions[si] || [])[mi];
    if (!m) return;
    panel.textContent = "";
    panel.appendChild(el("h2", "", m.l));
    var dir = m.c ? ui.client + " \u2192 " + ui.server : ui.server + " \u2192 " + ui.client;
    panel.appendChild(el("p", "meta", ui.frame + " " + (m.fn || m.f) + " \u00b7 " + m.t + " s \u00b7 " + dir + " \u00b7 " + (data.phases[m.p] || m.p)));
    if (m.sum) panel.appendChild(el("p", "sum", m.sum));
    var ex = m.ex && data.explain[m.ex];
    if (ex) {
      var box = el("div", "explain");
      box.appendChild(el("h3", "", ui.role));
      box.appendChild(el("p", "", ex.Role));
      box.appendChild(el("h3", "", ui.answer));
      box.appendChild(el("p", "", ex.Answer));
      box.appendChild(el("p", "rfc", ui.rfc + ": " + ex.RFC));
      panel.appendChild(box);
    }
    if (!m.x) {
      panel.appendChild(el("p", "empty", ui.nobytes));
      return;
    }
    var pre = hexDump(m.x);
    panel.appendChild(el("h3", "", ui.fields));
    var table = el("table", "fields");
    var tbody = el("tbody");
    table.appendChild(tbody);
    fieldRows(tbody, m.fl || [], 0, pre);
    table.addEventListener("mouseleave", function () { highlight(pre, +(pre.dataset.s || 0), +(pre.dataset.e || 0)); });
    panel.appendChild(table);
    panel.appendChild(el("h3", "", ui.bytes + " (" + m.x.length / 2 + ")"));
    panel.appendChild(pre);
  }

  function select(si, mi, scroll) {
    document.querySelectorAll(".sel").forEach(function (x) { x.classList.remove("sel"); });
    document.querySelectorAll('tr.msgrow[data-s="' + si + '"][data-m="' + mi + '"]').forEach(function (x) {
      x.classList.add("sel");
      if (scroll) x.scrollIntoView({ block: "center" });
    });
    document.querySelectorAll('g.msg[data-s="' + si + '"]').forEach(function (g) {
      if ((" " + g.getAttribute("data-msgs") + " ").indexOf(" " + mi + " ") >= 0) g.classList.add("sel");
    });
    var key = si + ":" + mi;
    if (key in seen) current = seen[key];
    show(si, mi);
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("tr.msgrow, g.msg") : null;
    if (!t || t.getAttribute("data-m") === null || t.getAttribute("data-s") === null) return;
    select(+t.getAttribute("data-s"), +t.getAttribute("data-m"), false);
  });

  function step(i) {
    if (!order.length) return;
    i = Math.max(0, Math.min(order.length - 1, i));
    select(order[i][0], order[i][1], true);
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var k = ev.key;
    if (k === "ArrowDown" || k === "j" || k === "n") { step(current + 1); ev.preventDefault(); }
    else if (k === "ArrowUp" || k === "k" || k === "p") { step(current < 0 ? 0 : current - 1); ev.preventDefault(); }
    else if (k === "Home") { step(0); ev.preventDefault(); }
    else if (k === "End") { step(order.length - 1); ev.preventDefault(); }
  });

  document.body.dataset.ready = "1";
})();
