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

  var KEY_NAME = "factcheck-api-key";

  function storedKey() {
    try { return window.sessionStorage.getItem(KEY_NAME) || ""; } catch (e) { return ""; }
  }

  function keepKey(key) {
    try { window.sessionStorage.setItem(KEY_NAME, key); } catch (e) { /* storage off: typed each time */ }
  }

  function percent(value) { return Math.round(value * 100) + "%"; }

  function clock(seconds) {
    var whole = Math.floor(seconds), h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

  function evidenceHeading(label) {
    if (label === "misattributed") return "Where these words were said";
    if (label === "not_found") return "Nearest passages (none of them matches)";
    return "Best source passage";
  }

  // As factcheck/attribution.py: the verifier's reason when the words were judged without the article's speaker.
  var UNCHECKED = "the attribution itself could not be checked";

  function uncheckedSpeaker(q) {
    var reasons = (q.verdict && q.verdict.reasons) || [];
    for (var i = 0; i < reasons.length; i++) {
      var reason = String(reasons[i]);
      if (reason.slice(-UNCHECKED.length) !== UNCHECKED) continue;
      var why = reason.slice(0, -UNCHECKED.length).trim().replace(/;$/, "").trim();
      if (/^the article's speaker \([\s\S]*\) is uncertain$/.test(why)) why = "the article's speaker is uncertain";
      return { speaker: q.actual_speaker || null, why: why || "the attribution could not be checked" };
    }
    return null;
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
      // Indirect speech is highlighted as reported speech, never as a quotation.
      spans.push({ start: q.start, end: q.end, kind: q.kind === "indirect" ? "reported" : "quote", n: i + 1,
        label: q.verdict ? q.verdict.label : null });
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
      if (seg.kind === "quote" || seg.kind === "reported") {
        box.appendChild(el("mark", { class: "q v-" + seg.label + (seg.kind === "reported" ? " reported" : ""), id: "q-" + seg.n }, [
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
      // A difference a transcript or an editor makes is shown toned down, with its class; a change of meaning
      // with its class.
      var tol = op.tolerated && op.op !== "equal" ? " d-tol" : "";
      if (op.op === "equal") p.appendChild(el("span", { class: "d-eq" }, [op.quote]));
      else if (op.op === "insert") p.appendChild(el("ins", { class: "d-ins" + tol, title: "in the quote, not in the source" }, [op.quote]));
      else if (op.op === "delete") p.appendChild(el("del", { class: "d-del" + tol, title: "in the source, left out of the quote" }, [op.source]));
      else {
        p.appendChild(el("del", { class: "d-del" + tol, title: "in the source" }, [op.source]));
        p.appendChild(el("ins", { class: "d-ins" + tol, title: "in the quote instead" }, [op.quote]));
      }
      if (op.change && op.op !== "equal") {
        var note = (op.tolerated ? "transcript / editor: " : "") + op.change.replace(/_/g, " ");
        p.appendChild(document.createTextNode(" "));
        p.appendChild(el("small", { class: "d-note" }, ["(" + note + ")"]));
      }
      p.appendChild(document.createTextNode(" "));
    });
    return p;
  }

  // Whose words the matched span is when not the source speaker's (as factcheck.attribution.whose_words says).
  function voiceLine(ev) {
    var voice = ev.voice;
    if (!voice) return null;
    var by = (ev.document || {}).speaker || "the source";
    if (voice.kind === "quoted") {
      var who = voice.speaker || ev.speaker;
      if (who && who !== (ev.document || {}).speaker) return "said by " + who + ", quoted by " + by;
      return "quoted by " + by + " from someone it does not name";
    }
    return "reported by " + by + " as what " + (voice.source || voice.speaker || "others") + " " + (voice.cue || "said");
  }

  // Indirect speech as reported speech, never in quotation marks: 'Calder denied that ...'.
  function reportedSpeech(q) {
    if (q.kind !== "indirect") return null;
    var s = q.speaker || {};
    return (s.mention || s.name || "someone") + " " + (q.cue || "said") + " that " + q.text;
  }

  function sameWordsNote(q) {
    var reasons = q.verdict.reasons || [];
    if (q.verdict.label === "out_of_context" && reasons.length) return "Word for word the same, but " + reasons[reasons.length - 1] + ".";
    return "Word for word the same.";
  }

  function documentLine(ev) {
    var doc = ev.document || {};
    var line = el("p", { class: "doc" }, [el("cite", null, [doc.title || doc.id])]);
    if (doc.date) { line.appendChild(document.createTextNode(", ")); line.appendChild(el("time", { datetime: doc.date }, [doc.date])); }
    var who = voiceLine(ev) || ev.speaker || doc.speaker;
    if (who) line.appendChild(document.createTextNode(" · " + who));
    if (ev.page) line.appendChild(document.createTextNode(ev.page_end ? " · pages " + ev.page + "–" + ev.page_end : " · page " + ev.page));
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

  // What the confidence means (the same words as the server-rendered card), as the page gives them.
  var MEANINGS = (function () {
    var node = document.getElementById("results");
    try { return JSON.parse((node && node.getAttribute("data-meanings")) || "{}"); } catch (e) { return {}; }
  })();

  function confidenceHelp(q) {
    if (!MEANINGS.confidence) return null;
    var label = q.verdict.label;
    var low = (MEANINGS.low || {})[NAMES[label]];
    return el("details", { class: "conf-help" }, [
      el("summary", null, ["What " + percent(q.verdict.confidence) + " means"]),
      el("p", null, [MEANINGS.confidence + (low ? " When it is low for “" + NAMES[label] + "”: " + low + "." : "")])
    ]);
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
        el("span", { class: "conf", title: MEANINGS.confidence || "confidence" }, [percent(q.verdict.confidence) + " confident"])
      ]),
      confidenceHelp(q),
      reportedSpeech(q)
        ? el("p", { class: "quote-text reported" }, [el("span", { class: "hint" }, ["Reported speech:"]), " " + reportedSpeech(q)])
        : el("blockquote", { class: "quote-text" }, [q.text]),
      speakerLine
    ]);
    var unchecked = uncheckedSpeaker(q);
    if (unchecked) {
      // The words were judged alone: who said them is shown, but no one is accused or cleared.
      node.appendChild(el("p", { class: "actual unchecked" }, unchecked.speaker
        ? ["said by ", el("strong", null, [unchecked.speaker]), "; " + unchecked.why] : [unchecked.why]));
    } else if (q.actual_speaker) {
      node.appendChild(el("p", { class: "actual" }, ["Actually said by ", el("strong", null, [q.actual_speaker])]));
    }
    if (q.verdict.explanation) node.appendChild(el("p", { class: "explanation" }, [q.verdict.explanation]));
    if (q.verdict.reasons && q.verdict.reasons.length) node.appendChild(el("p", { class: "reasons" }, [q.verdict.reasons.join("; ")]));
    if (label === "not_found" && q.evidence && q.evidence.length) {
      // Nothing matched: only the closest passages, with no diff against a "source".
      var nearest = el("ul", { class: "nearest" });
      q.evidence.forEach(function (other) {
        nearest.appendChild(el("li", null, [documentLine(other), el("p", { class: "passage" }, [other.text])]));
      });
      node.appendChild(el("section", { class: "evidence" }, [el("h4", null, [evidenceHeading(label)]), nearest]));
    } else if (q.evidence && q.evidence.length) {
      var ev = q.evidence[0];
      var section = el("section", { class: "evidence" }, [el("h4", null, [evidenceHeading(label)]), documentLine(ev), passageView(ev)]);
      if (ev.context) section.appendChild(el("p", { class: "context" }, [el("span", { class: "hint" }, ["Context:"]), " " + ev.context]));
      if (ev.diff && ev.diff.length) {
        var changed = ev.diff.some(function (op) { return op.op !== "equal"; });
        var legend = changed
          ? el("p", { class: "legend" }, [el("ins", { class: "d-ins" }, ["only in the quote"]), " ",
              el("del", { class: "d-del" }, ["only in the source"])])
          : el("p", { class: "legend" }, [sameWordsNote(q)]);
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
      summary.appendChild(el("li", { class: "chip v-" + label + (count ? "" : " zero"), "data-label": label },
        [el("span", { class: "dot", "aria-hidden": "true" }), NAMES[label] + " ", el("strong", null, [String(count)])]));
    });
    var status = el("p", { id: "filter-status", class: "filter-status", role: "status", "aria-live": "polite" });
    var cards = el("section", { class: "cards", "aria-label": "Quotes" }, [el("h3", null, ["Quotes"])]);
    if (!quotes.length) cards.appendChild(el("p", { class: "none" }, ["No quotations were found in this text."]));
    quotes.forEach(function (q, i) { cards.appendChild(card(q, i + 1)); });
    container.appendChild(heading);
    container.appendChild(summary);
    container.appendChild(status);
    container.appendChild(el("div", { class: "results-grid" }, [articleView(text, quotes), cards]));
    container.hidden = false;
    enhance(container);
    announce(quotes);
    // Move to the results (top of the window) and let keyboard and screen-reader users continue from there.
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }

  function announce(quotes) {
    var box = document.getElementById("announce");
    if (!box) return;
    var parts = LABELS.map(function (label) {
      var count = quotes.filter(function (q) { return q.verdict.label === label; }).length;
      return count ? count + " " + NAMES[label].toLowerCase() : null;
    }).filter(Boolean);
    box.textContent = quotes.length + (quotes.length === 1 ? " quote" : " quotes") + " checked" +
      (parts.length ? ": " + parts.join(", ") + "." : ".");
  }

  // Verdict chips become toggles: with some chosen, only their cards show and other highlights are dimmed.
  function enableFilters(container) {
    var chosen = [];
    var status = container.querySelector("#filter-status");
    function matches(node) {
      return !chosen.length || chosen.some(function (label) { return node.classList.contains("v-" + label); });
    }
    function apply() {
      var cards = Array.prototype.slice.call(container.querySelectorAll("article.card"));
      cards.forEach(function (card) { card.hidden = !matches(card); });
      container.querySelectorAll("mark.q").forEach(function (mark) { mark.classList.toggle("dimmed", !matches(mark)); });
      var shown = cards.filter(function (card) { return !card.hidden; }).length;
      if (status) {
        status.textContent = chosen.length ? "Showing " + shown + " of " + cards.length + " quotes: " +
          chosen.map(function (label) { return NAMES[label]; }).join(", ") + "." : "";
      }
    }
    container.querySelectorAll(".summary li.chip[data-label]").forEach(function (chip) {
      var label = chip.getAttribute("data-label");
      var button = el("button", { type: "button", class: "chip-toggle", "aria-pressed": "false" });
      while (chip.firstChild) button.appendChild(chip.firstChild);
      button.disabled = chip.classList.contains("zero");
      chip.appendChild(button);
      button.addEventListener("click", function () {
        var at = chosen.indexOf(label);
        if (at >= 0) chosen.splice(at, 1);
        else chosen.push(label);
        button.setAttribute("aria-pressed", at >= 0 ? "false" : "true");
        apply();
      });
    });
  }

  // What runs when the window scrolls: marking the card in view of the latest results.
  var following = null;
  var scrollPending = false;
  window.addEventListener("scroll", function () {
    if (scrollPending || !following) return;
    scrollPending = true;
    window.requestAnimationFrame(function () { scrollPending = false; if (following) following(); });
  }, { passive: true });

  // The card most in view (or hovered, or focused) has its quote marked in the article, scrolled into its box.
  function followCards(container) {
    var box = container.querySelector(".article");
    var cards = Array.prototype.slice.call(container.querySelectorAll("article.card"));
    if (!box || !cards.length) return;
    var current = null;
    function mark(card) {
      var quote = document.getElementById(card.id.replace("card-", "q-"));
      if (!quote || quote === current) return;
      if (current) { current.classList.remove("current"); current.removeAttribute("aria-current"); }
      current = quote;
      quote.classList.add("current");
      quote.setAttribute("aria-current", "true");
      var top = quote.offsetTop, bottom = top + quote.offsetHeight;
      if (top < box.scrollTop || bottom > box.scrollTop + box.clientHeight) {
        box.scrollTop = Math.max(0, top - box.clientHeight / 3);
      }
    }
    function mostInView() {
      var best = null, shown = 0;
      cards.forEach(function (card) {
        if (card.hidden) return;
        var rect = card.getBoundingClientRect();
        var visible = Math.min(rect.bottom, window.innerHeight) - Math.max(rect.top, 0);
        if (visible > shown) { best = card; shown = visible; }
      });
      if (best) mark(best);
    }
    following = mostInView;
    cards.forEach(function (card) {
      card.addEventListener("mouseenter", function () { mark(card); });
      card.addEventListener("focusin", function () { mark(card); });
    });
    mostInView();
  }

  function enhance(container) {
    enableFilters(container);
    followCards(container);
  }

  function errorMessage(response, body) {
    if (body && body.error && body.error.message) return body.error.message;
    return "The server answered " + response.status + " " + response.statusText + ".";
  }

  function init() {
    var form = document.getElementById("check-form");
    if (!form) return;
    var rendered = document.getElementById("results");
    // Results the server rendered (the form posted without this script) get the same filters and marking.
    if (rendered && !rendered.hidden && rendered.querySelector(".summary")) enhance(rendered);
    var textarea = document.getElementById("text");
    var button = document.getElementById("check-button");
    var progress = document.getElementById("progress");
    var progressText = document.getElementById("progress-text");
    var errorBox = document.getElementById("error");
    var results = document.getElementById("results");
    var keyInput = document.getElementById("api_key");
    var urlInput = document.getElementById("url");
    // A key given on this or the sources page is kept for the browser session (never in a URL).
    if (keyInput && !keyInput.value) keyInput.value = storedKey();

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
            if (keyInput && keyInput.value) keepKey(keyInput.value);
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
