// Enhances the check form: fetches /v1/check and renders the results with DOM nodes (never innerHTML).
"use strict";
(function () {
  var LABELS = ["verified", "altered", "misattributed", "out_of_context", "not_found"];
  var NAMES = {
    verified: "Verified", altered: "Altered", misattributed: "Misattributed",
    out_of_context: "Out of context", not_found: "Not found"
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (attrs[key] === null || attrs[key] === undefined) return;
        if (key === "class") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function percent(value) { return Math.round(value * 100) + "%"; }

  function clock(seconds) {
    var whole = Math.floor(seconds), h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

  function evidenceHeading(label) {
    if (label === "misattributed") return "Where these words were said";
    if (label === "not_found") return "Nearest passage (it does not match)";
    return "Best source passage";
  }

  function safeUrl(url) {
    if (!url) return null;
    var trimmed = String(url).trim();
    return /^https?:\/\//i.test(trimmed) ? trimmed : null;
  }

  // Offsets from the server count code points; JS strings count UTF-16 units, so slice code points.
  function segments(text, quotes) {
    var chars = Array.from(text);
    var spans = [];
    quotes.forEach(function (q, i) {
      spans.push({ start: q.start, end: q.end, kind: "quote", n: i + 1, label: q.verdict ? q.verdict.label : null });
    });
    quotes.forEach(function (q, i) {
      var s = q.speaker || {};
      if (s.start !== null && s.start !== undefined && s.end !== null && s.end !== undefined) {
        spans.push({ start: s.start, end: s.end, kind: "speaker", n: i + 1 });
      }
    });
    var kept = [];
    spans.forEach(function (span) {
      var start = Math.max(0, span.start), end = Math.min(chars.length, span.end);
      if (start >= end) return;
      if (kept.some(function (k) { return start < k.end && k.start < end; })) return;
      kept.push({ start: start, end: end, kind: span.kind, n: span.n, label: span.label });
    });
    kept.sort(function (a, b) { return a.start - b.start; });
    var out = [], cursor = 0;
    kept.forEach(function (k) {
      if (k.start > cursor) out.push({ text: chars.slice(cursor, k.start).join(""), kind: "text" });
      out.push({ text: chars.slice(k.start, k.end).join(""), kind: k.kind, n: k.n, label: k.label });
      cursor = k.end;
    });
    if (cursor < chars.length) out.push({ text: chars.slice(cursor).join(""), kind: "text" });
    return out;
  }

  function articleView(text, quotes) {
    var box = el("div", { class: "article" });
    segments(text, quotes).forEach(function (seg) {
      if (seg.kind === "quote") {
        box.appendChild(el("mark", { class: "q v-" + seg.label, id: "q-" + seg.n }, [
          el("a", { class: "qn", href: "#card-" + seg.n, "aria-label": "quote " + seg.n + ": " + NAMES[seg.label] },
            [String(seg.n)]),
          seg.text
        ]));
      } else if (seg.kind === "speaker") {
        box.appendChild(el("span", { class: "spk", title: "speaker of quote " + seg.n }, [seg.text]));
      } else {
        box.appendChild(document.createTextNode(seg.text));
      }
    });
    return el("section", { class: "article-view", "aria-label": "Article with highlighted quotes" },
      [el("h3", null, ["Article"]), box]);
  }

  function diffView(ops) {
    var p = el("p", { class: "diff-text" });
    ops.forEach(function (op) {
      if (op.op === "equal") p.appendChild(el("span", { class: "d-eq" }, [op.quote]));
      else if (op.op === "insert") p.appendChild(el("ins", { class: "d-ins", title: "in the quote, not in the source" }, [op.quote]));
      else if (op.op === "delete") p.appendChild(el("del", { class: "d-del", title: "in the source, left out of the quote" }, [op.source]));
      else {
        p.appendChild(el("del", { class: "d-del", title: "in the source" }, [op.source]));
        p.appendChild(el("ins", { class: "d-ins", title: "in the quote instead" }, [op.quote]));
      }
      p.appendChild(document.createTextNode(" "));
    });
    return p;
  }

  function documentLine(ev) {
    var doc = ev.document || {};
    var line = el("p", { class: "doc" }, [el("cite", null, [doc.title || doc.id])]);
    if (doc.date) { line.appendChild(document.createTextNode(", ")); line.appendChild(el("time", { datetime: doc.date }, [doc.date])); }
    var who = ev.speaker || doc.speaker;
    if (who) line.appendChild(document.createTextNode(" · " + who));
    if (ev.page) line.appendChild(document.createTextNode(" · page " + ev.page));
    if (ev.timestamp !== null && ev.timestamp !== undefined) line.appendChild(document.createTextNode(" · at " + clock(ev.timestamp)));
    // The deep link opens the source at the passage (text fragment, PDF page or media time).
    var link = safeUrl(ev.link) || safeUrl(doc.url);
    if (link) {
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(el("a", { href: link, rel: "noopener noreferrer nofollow", target: "_blank" }, ["open source"]));
    }
    return line;
  }

  function passageView(ev) {
    var p = el("p", { class: "passage" });
    var chars = Array.from(ev.text);
    var s = ev.match_start, e = ev.match_end;
    if (s === null || s === undefined || e === null || e === undefined || !(0 <= s && s < e && e <= chars.length)) {
      p.appendChild(document.createTextNode(ev.text));
      return p;
    }
    p.appendChild(document.createTextNode(chars.slice(0, s).join("")));
    p.appendChild(el("mark", { class: "match" }, [chars.slice(s, e).join("")]));
    p.appendChild(document.createTextNode(chars.slice(e).join("")));
    return p;
  }

  function card(q, n) {
    var label = q.verdict.label;
    var speaker = q.speaker || {};
    var speakerLine = el("p", { class: "speaker" }, ["Attributed to ", el("strong", null, [speaker.name || "an unknown speaker"])]);
    if (speaker.mention && speaker.mention !== speaker.name) speakerLine.appendChild(document.createTextNode(" (named as “" + speaker.mention + "”)"));
    speakerLine.appendChild(document.createTextNode(" · " + q.kind + " quote" + (q.cue ? " · “" + q.cue + "”" : "")));
    var node = el("article", { class: "card v-" + label, id: "card-" + n, "aria-labelledby": "card-" + n + "-title" }, [
      el("header", { class: "card-head" }, [
        el("h3", { id: "card-" + n + "-title" }, [el("span", { class: "num" }, [String(n)]), " ",
          el("span", { class: "badge v-" + label }, [NAMES[label]])]),
        el("span", { class: "conf", title: "confidence" }, [percent(q.verdict.confidence) + " confident"])
      ]),
      el("blockquote", { class: "quote-text" }, [q.text]),
      speakerLine
    ]);
    if (q.actual_speaker) node.appendChild(el("p", { class: "actual" }, ["Actually said by ", el("strong", null, [q.actual_speaker])]));
    if (q.verdict.explanation) node.appendChild(el("p", { class: "explanation" }, [q.verdict.explanation]));
    if (q.verdict.reasons && q.verdict.reasons.length) node.appendChild(el("p", { class: "reasons" }, [q.verdict.reasons.join("; ")]));
    if (q.evidence && q.evidence.length) {
      var ev = q.evidence[0];
      var section = el("section", { class: "evidence" }, [el("h4", null, [evidenceHeading(label)]), documentLine(ev), passageView(ev)]);
      if (ev.context) section.appendChild(el("p", { class: "context" }, [el("span", { class: "hint" }, ["Context:"]), " " + ev.context]));
      if (ev.diff && ev.diff.length) {
        var changed = ev.diff.some(function (op) { return op.op !== "equal"; });
        var legend = changed
          ? el("p", { class: "legend" }, [el("ins", { class: "d-ins" }, ["only in the quote"]), " ",
              el("del", { class: "d-del" }, ["only in the source"])])
          : el("p", { class: "legend" }, ["Word for word the same."]);
        section.appendChild(el("div", { class: "diff" }, [
          el("h4", null, ["Quote compared with the source"]), diffView(ev.diff), legend
        ]));
      }
      node.appendChild(section);
      if (q.evidence.length > 1) {
        var list = el("ul");
        q.evidence.slice(1).forEach(function (other) {
          list.appendChild(el("li", null, [documentLine(other), el("p", { class: "passage" }, [other.text])]));
        });
        node.appendChild(el("details", { class: "more" }, [el("summary", null, [(q.evidence.length - 1) + " more passage(s)"]), list]));
      }
    } else {
      node.appendChild(el("p", { class: "none" }, ["No passage in the loaded sources comes close to this quote."]));
    }
    node.appendChild(el("p", null, [el("a", { class: "back", href: "#q-" + n }, ["Show in the article"])]));
    return node;
  }

  function renderResults(container, text, quotes) {
    container.replaceChildren();
    var heading = el("h2", { id: "results-title", tabindex: "-1" }, ["Results"]);
    var summary = el("ul", { class: "summary", "aria-label": "Verdict counts" },
      [el("li", { class: "total" }, [el("strong", null, [String(quotes.length)]), " quote(s)"])]);
    LABELS.forEach(function (label) {
      var count = quotes.filter(function (q) { return q.verdict.label === label; }).length;
      summary.appendChild(el("li", { class: "chip v-" + label + (count ? "" : " zero") },
        [el("span", { class: "dot", "aria-hidden": "true" }), NAMES[label] + " ", el("strong", null, [String(count)])]));
    });
    var cards = el("section", { class: "cards", "aria-label": "Quotes" }, [el("h3", null, ["Quotes"])]);
    if (!quotes.length) cards.appendChild(el("p", { class: "none" }, ["No quotations were found in this text."]));
    quotes.forEach(function (q, i) { cards.appendChild(card(q, i + 1)); });
    container.appendChild(heading);
    container.appendChild(summary);
    container.appendChild(el("div", { class: "results-grid" }, [articleView(text, quotes), cards]));
    container.hidden = false;
    heading.focus();
  }

  function errorMessage(response, body) {
    if (body && body.error && body.error.message) return body.error.message;
    return "The server answered " + response.status + " " + response.statusText + ".";
  }

  function init() {
    var form = document.getElementById("check-form");
    if (!form) return;
    var textarea = document.getElementById("text");
    var button = document.getElementById("check-button");
    var progress = document.getElementById("progress");
    var progressText = document.getElementById("progress-text");
    var errorBox = document.getElementById("error");
    var results = document.getElementById("results");
    var keyInput = document.getElementById("api_key");
    var urlInput = document.getElementById("url");

    function showError(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = textarea.value;
      var link = urlInput ? urlInput.value.trim() : "";
      errorBox.hidden = true;
      if (!text.trim() && !link) {
        showError(urlInput ? "Paste an article or give a link first." : "Paste an article first.");
        textarea.focus();
        return;
      }
      // Pasted text wins; a link alone is fetched by the server, which sends back the text it checked.
      var payload = text.trim() ? { text: text } : { url: link };
      var started = Date.now();
      button.disabled = true;
      progress.hidden = false;
      progressText.textContent = "Checking…";
      var timer = window.setInterval(function () {
        progressText.textContent = "Checking… " + Math.round((Date.now() - started) / 1000) + " s";
      }, 1000);
      var headers = { "Content-Type": "application/json", "Accept": "application/json" };
      if (keyInput && keyInput.value) headers.Authorization = "Bearer " + keyInput.value;
      fetch("/v1/check", { method: "POST", headers: headers, body: JSON.stringify(payload) })
        .then(function (response) {
          return response.json().catch(function () { return null; }).then(function (body) {
            if (!response.ok || !body || !Array.isArray(body.quotes)) throw new Error(errorMessage(response, body));
            if (body.fetched) textarea.value = body.fetched.text;
            renderResults(results, body.fetched ? body.fetched.text : text, body.quotes);
          });
        })
        .catch(function (err) {
          showError(err && err.message && err.message !== "Failed to fetch" ? err.message
            : "Could not reach the server. Check that it is running and try again.");
        })
        .finally(function () {
          window.clearInterval(timer);
          button.disabled = false;
          progress.hidden = true;
        });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
