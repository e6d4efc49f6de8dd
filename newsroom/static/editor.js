// Toà Soạn article editor: turns every textarea[data-editor] into a WYSIWYG
// editor with a Vietnamese toolbar, a media picker, video embeds, draft
// autosave and the editing lease (see the editor contract in the newsroom).
//
// Progressive enhancement: the textarea stays the form field. It is hidden
// only once the editor is fully built, and kept in sync on every change and
// before every submit or autosave, so if this script fails to load or throws
// the page still works as a plain form.
//
// How the editor writes HTML. The server passes every body through
// richtext.Sanitize. Rather than hoping the browser's innerHTML happens to be
// in Sanitize's canonical form (it is not: browsers leave &nbsp; runs,
// <b>/<span style>, empty paragraphs, and escape attributes differently), the
// body is serialized by a port of Sanitize's cleaning and normalization
// (richtext/clean.go, normalize.go, render.go, url.go) restricted to what
// this editor can contain. The textarea therefore always holds HTML that
// Sanitize leaves byte for byte unchanged, and the same code cleans pasted
// HTML and the body loaded from the server.
//
// Commands. document.execCommand is used only for inline formatting (bold,
// italic, createLink) and for deleting a selection: those are still reliable
// in Chromium, WebKit and Gecko, and splitting inline markup across a
// selection by hand is intricate. Block structure (headings, lists, quotes,
// figures) and pasting are our own Range-based commands: formatBlock and
// insert*List produce different markup in each engine (lists inside <p>,
// <div>s, style spans), and insertHTML re-adds computed inline styles in
// Chromium. Undo and redo are our own snapshot history, because the
// browser's native history does not see DOM changes made by script, and
// mixing the two corrupts it.
(function () {
  "use strict";

  // ---------------------------------------------------------------------
  // Canonical HTML: a port of richtext.Sanitize for the editor's content.
  // ---------------------------------------------------------------------

  const T = 0, E = 1, G = 2; // text, element, group (a dropped block container)
  const tnode = (s) => ({ k: T, text: s });
  const enode = (tag, attrs, kids) => ({ k: E, tag, attrs: attrs || [], kids: kids || [] });
  const gnode = (kids) => ({ k: G, tag: "", attrs: [], kids });
  const is = (n, tag) => n.k === E && n.tag === tag;
  const words = (s) => new Set(s.split(" "));

  const DROPPED = words("script style iframe object embed applet form input button select option optgroup " +
    "textarea datalist output keygen progress meter svg math noscript template slot head title meta link base " +
    "basefont bgsound frame frameset noframes noembed xmp plaintext audio video source track canvas map area " +
    "param dialog portal wbr col colgroup");
  const ALLOWED = words("p br h2 h3 h4 strong b em i u s sub sup a ul ol li blockquote cite figure figcaption img " +
    "table thead tbody tfoot tr th td caption hr");
  const RENAMED = { h1: "h2", h5: "h4", h6: "h4", strike: "s", del: "s", image: "img" };
  const GROUPS = words("div section article header footer main aside nav address center dl dt dd pre listing " +
    "details summary fieldset legend hgroup menu dir marquee body html search");
  const VOID = words("br hr img");
  const INLINE = words("a strong b em i u s sub sup cite br img iframe");
  const HTML_NS = "http://www.w3.org/1999/xhtml";

  // normText is viet.Normalize: NFC, CR LF to LF, no C0 controls but tab and
  // newline, the Icelandic look-alikes of Đ/đ mapped to them.
  function normText(s) {
    if (s.toWellFormed) s = s.toWellFormed();
    return s.replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f]/g, "")
      .replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111").normalize("NFC");
  }

  // normLineText is viet.NormalizeLine: one line, single spaces, trimmed.
  const LINE_WS = /[\s\u0085\u180e\u200b]+/g;
  function normLineText(s) {
    return normText(s).replace(LINE_WS, " ").trim();
  }

  const isWS = (c) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\u00a0";
  const isBlankText = (n) => n.k === T && /^[ \t\n\r\f\u00a0]*$/.test(n.text);
  const isInline = (n) => n.k === T || (n.k === E && INLINE.has(n.tag));

  function containsBlock(n) {
    for (const k of n.kids) {
      if (k.k === T) continue;
      if (!isInline(k) || containsBlock(k)) return true;
    }
    return false;
  }

  const badEscape = (s) => /%(?![0-9A-Fa-f]{2})/.test(s);

  // goURLOK accepts what Go's url.Parse accepts with a host and no user
  // info, or is stricter.
  function goURLOK(s, scheme) {
    let rest = s.slice(scheme.length + 1);
    const h = rest.indexOf("#");
    if (h >= 0) {
      if (badEscape(rest.slice(h + 1))) return false;
      rest = rest.slice(0, h);
    }
    const q = rest.indexOf("?");
    if (q >= 0) rest = rest.slice(0, q);
    if (!rest.startsWith("//")) return false;
    rest = rest.slice(2);
    const slash = rest.indexOf("/");
    const auth = slash >= 0 ? rest.slice(0, slash) : rest;
    const path = slash >= 0 ? rest.slice(slash) : "";
    if (!auth || auth.includes("@") || auth.includes("%")) return false;
    if (/[^A-Za-z0-9\-._~!$&'()*+,;=:[\]\u0080-\uffff]/.test(auth)) return false;
    const m = /^(\[[^\]]*\]|[^:]*)(:.*)?$/.exec(auth);
    if (!m || (m[2] && !/^:[0-9]*$/.test(m[2]))) return false;
    return !badEscape(path);
  }

  // cleanURL is richtext's cleanURL: the address to keep, or null.
  function cleanURL(raw, image) {
    let s = (raw || "").replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
    if (!s || s.includes("\\") || /[\x00-\x1f\x7f\ufffd]/.test(s)) return null;
    let scheme = "";
    const i = s.search(/[:/?#]/);
    if (i > 0 && s[i] === ":") scheme = s.slice(0, i).toLowerCase();
    switch (scheme) {
      case "":
        if (!s.startsWith("/") || s.startsWith("//")) return null;
        if (image && !s.startsWith("/media/")) return null;
        if (s.includes("/../") || s.endsWith("/..")) return null;
        return s;
      case "http":
      case "https":
        if (!goURLOK(s, scheme)) return null;
        return scheme + s.slice(scheme.length);
      case "mailto":
        if (image || s.length <= 7) return null;
        return scheme + s.slice(scheme.length);
    }
    return null;
  }

  function dimension(v, limit) {
    v = (v || "").trim().toLowerCase();
    if (v.endsWith("px")) v = v.slice(0, -2);
    if (!v || v.length > 6 || !/^[0-9]+$/.test(v)) return null;
    const x = parseInt(v, 10);
    return x > 0 && x <= limit ? String(x) : null;
  }

  // The video players richtext allows (richtext/url.go videoHosts).
  const youTubeID = (s) => /^[A-Za-z0-9_-]{6,20}$/.test(s);
  const digitsID = (s) => /^[0-9]{1,15}$/.test(s);
  const VIDEO_HOSTS = [
    { host: "www.youtube.com", aliases: ["youtube.com"], prefix: "/embed/", id: youTubeID, name: "YouTube" },
    { host: "www.youtube-nocookie.com", aliases: ["youtube-nocookie.com"], prefix: "/embed/", id: youTubeID, name: "YouTube" },
    { host: "player.vimeo.com", aliases: [], prefix: "/video/", id: digitsID, name: "Vimeo" },
  ];

  // videoSrc is richtext's videoSrc (stricter on odd URLs): the canonical
  // player address, or null.
  function videoSrc(raw) {
    let s = (raw || "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
    if (s.startsWith("//")) s = "https:" + s;
    const m = /^(https?):\/\/([^/?#]*)(\/[^?#]*)?/i.exec(s);
    if (!m || m[2].includes("@") || m[2].includes(":") || (m[3] || "").includes("%")) return null;
    const host = m[2].toLowerCase(), path = m[3] || "";
    for (const v of VIDEO_HOSTS) {
      if ((host !== v.host && !v.aliases.includes(host)) || !path.startsWith(v.prefix)) continue;
      let id = path.slice(v.prefix.length);
      if (id.endsWith("/")) id = id.slice(0, -1);
      return v.id(id) ? "https://" + v.host + v.prefix + id : null;
    }
    return null;
  }

  function videoNode(get, has) {
    const src = videoSrc(get("src"));
    if (!src) return null;
    const attrs = [["src", src]];
    for (const k of ["width", "height"]) {
      const v = dimension(get(k), 10000);
      if (v) attrs.push([k, v]);
    }
    const title = normLineText(get("title") || "");
    if (title) attrs.push(["title", title]);
    if (has("allowfullscreen")) attrs.push(["allowfullscreen", ""]);
    attrs.push(["referrerpolicy", "strict-origin-when-cross-origin"]);
    return enode("iframe", attrs);
  }

  const hasClass = (el, c) => (el.getAttribute("class") || "").split(/\s+/).some((x) => x.toLowerCase() === c);

  // cleanNode turns one DOM node into the sanitized nodes replacing it. It
  // also reads the editor's own constructs: .ed-ui controls vanish, a video
  // placeholder becomes its iframe, a figure's image takes its caption as alt.
  function cleanNode(n) {
    if (n.nodeType === 3) {
      const s = normText(n.data);
      return s ? [tnode(s)] : [];
    }
    if (n.nodeType !== 1 || n.namespaceURI !== HTML_NS) return [];
    if (n.classList.contains("ed-ui")) return [];
    if (n.classList.contains("ed-video")) {
      const d = n.dataset;
      const v = videoNode((k) => d[k] || "", (k) => d[k] !== undefined);
      return v ? [v] : [];
    }
    let tag = n.localName;
    if (RENAMED[tag]) tag = RENAMED[tag];
    const get = (k) => n.getAttribute(k);
    if (tag === "iframe") {
      const v = videoNode((k) => get(k) || "", (k) => n.hasAttribute(k));
      return v ? [v] : [];
    }
    if (DROPPED.has(tag)) return [];
    if (tag === "img") {
      const src = cleanURL(get("src"), true);
      if (src === null) return [];
      const el = enode("img", [["src", src]]);
      let alt = n.hasAttribute("alt") ? get("alt") : null;
      // In a figure the editor made (or whose alt was its caption), the
      // alt text follows the caption as it is edited.
      const fig = n.closest(".ed-figure[data-alt-caption]");
      const cap = fig && fig.querySelector(".ed-cap");
      if (cap) alt = cap.textContent;
      if (alt !== null) el.attrs.push(["alt", normLineText(alt)]);
      for (const k of ["width", "height"]) {
        const v = dimension(get(k), 10000);
        if (v) el.attrs.push([k, v]);
      }
      el.attrs.push(["loading", "lazy"]);
      return [el];
    }
    if (tag === "a") {
      const kids = cleanKids(n);
      const href = cleanURL(get("href"), false);
      if (href === null) return kids;
      const el = enode("a", [["href", href]], kids);
      if ((get("target") || "").trim().toLowerCase() === "_blank") el.attrs.push(["target", "_blank"], ["rel", "noopener"]);
      return [el];
    }
    if (ALLOWED.has(tag)) {
      const el = enode(tag);
      if (tag === "blockquote" && hasClass(n, "quote")) el.attrs = [["class", "quote"]];
      if (tag === "figure") {
        const c = ["image", "quote", "video"].find((c) => hasClass(n, c));
        if (c) el.attrs = [["class", c]];
      }
      if (tag === "td" || tag === "th") {
        for (const k of ["colspan", "rowspan"]) {
          const v = dimension(get(k), 1000);
          if (v && v !== "1") el.attrs.push([k, v]);
        }
      }
      if (!VOID.has(tag)) el.kids = cleanKids(n);
      return [el];
    }
    if (GROUPS.has(tag)) return [gnode(cleanKids(n))];
    return cleanKids(n);
  }

  function cleanKids(n) {
    const out = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(...cleanNode(c));
    return mergeText(out);
  }

  function mergeText(ns) {
    const out = [];
    for (const n of ns) {
      if (n.k === T) {
        if (n.text === "") continue;
        const last = out[out.length - 1];
        if (last && last.k === T) {
          out[out.length - 1] = tnode(normText(last.text + n.text));
          continue;
        }
      }
      out.push(n);
    }
    return out;
  }

  const EX_NONE = 0, EX_QUOTE = 1, EX_FIGURE = 2;

  function linkedImage(a) {
    let img = null;
    for (const k of a.kids) {
      if (isBlankText(k)) continue;
      if (is(k, "img") && !img) img = k;
      else return null;
    }
    return img;
  }

  function exemptApplies(ex, n) {
    if (n.k !== E) return false;
    if (ex === EX_QUOTE) return n.tag === "cite";
    if (ex === EX_FIGURE) {
      if (n.tag === "img" || n.tag === "iframe" || n.tag === "cite") return true;
      if (n.tag === "a") return linkedImage(n) !== null;
    }
    return false;
  }

  const leaf = (n) => enode(n.tag, n.attrs);

  function exemptNode(n) {
    if (n.tag === "cite") {
      const line = normLine(n.kids);
      return line.length ? [enode("cite", [], line)] : [];
    }
    if (n.tag === "a") return [enode("a", n.attrs, [leaf(linkedImage(n))])];
    return [leaf(n)];
  }

  class Flow {
    constructor(ex, noWrap) {
      this.ex = ex;
      this.noWrap = noWrap;
      this.out = [];
      this.run = [];
      this.inline = false;
    }
    flush() {
      if (!this.run.length) return;
      for (const line of paragraphs(this.run)) {
        if (!this.noWrap) {
          this.out.push(enode("p", [], line));
          continue;
        }
        if (this.inline) this.out.push(enode("br"));
        this.out.push(...line);
        this.inline = true;
      }
      this.run = [];
    }
    block(n) {
      if (!n) return;
      this.flush();
      this.out.push(n);
      this.inline = false;
    }
    add(n) {
      if (n.k === G) {
        this.flush();
        for (const k of n.kids) this.add(k);
        this.flush();
        return;
      }
      if (isInline(n)) {
        if (n.k === E && containsBlock(n)) {
          for (const k of distribute(n, n.kids)) this.add(k);
        } else if (exemptApplies(this.ex, n)) {
          this.flush();
          this.out.push(...exemptNode(n));
        } else {
          this.run.push(n);
        }
        return;
      }
      switch (n.tag) {
        case "p":
          this.flush();
          for (const line of paragraphs(n.kids)) this.block(enode("p", [], line));
          break;
        case "h2":
        case "h3":
        case "h4": {
          const line = normLine(n.kids);
          if (line.length) this.block(enode(n.tag, [], line));
          break;
        }
        case "ul":
        case "ol":
          this.block(normList(n));
          break;
        case "blockquote": {
          const kids = flow(n.kids, EX_QUOTE);
          if (kids.length) this.block(enode("blockquote", n.attrs, kids));
          break;
        }
        case "figure":
          this.block(normFigure(n));
          break;
        case "table":
          this.table(n);
          break;
        case "hr":
          this.block(enode("hr"));
          break;
        default:
          this.add(gnode(n.kids));
      }
    }
    table(t) {
      const head = [], body = [], foot = [], stray = [];
      let caption = [];
      const addRows = (dst, items) => {
        for (const k of items) {
          if (is(k, "tr")) dst.push(k);
          else if (isBlankText(k)) continue;
          else if (is(k, "thead") || is(k, "tbody") || is(k, "tfoot")) addRows(dst, k.kids);
          else stray.push(gnode([k]));
        }
      };
      for (const k of t.kids) {
        if (is(k, "thead")) addRows(head, k.kids);
        else if (is(k, "tfoot")) addRows(foot, k.kids);
        else if (is(k, "caption")) caption.push(...k.kids);
        else addRows(body, [k]);
      }
      body.push(...foot);
      for (const s of stray) this.add(s);
      const rows = (raw) => {
        const out = [];
        for (const tr of raw) {
          const cells = [];
          for (const k of tr.kids) {
            if (is(k, "td") || is(k, "th")) cells.push(enode(k.tag, k.attrs, k.kids));
            else if (isBlankText(k)) continue;
            else if (cells.length) {
              const last = cells[cells.length - 1];
              last.kids = [...last.kids, k];
            } else cells.push(enode("td", [], [k]));
          }
          for (const c of cells) c.kids = mixed(c.kids);
          if (cells.length) out.push(enode("tr", [], cells));
        }
        return out;
      };
      const hrows = rows(head), brows = rows(body);
      const cells = [...hrows, ...brows].flatMap((tr) => tr.kids);
      const fig = imageTable(cells);
      if (fig) {
        if (fig.kids.length === 1 && caption.length) {
          fig.kids.push(enode("figcaption", [], caption));
          caption = [];
        }
        if (caption.length) this.add(gnode(caption));
        this.block(normFigure(fig));
        return;
      }
      if (caption.length) this.add(gnode(caption));
      if (cells.length === 1) this.add(gnode(cells[0].kids));
      else if (hasContent(cells)) {
        const tbl = enode("table");
        if (hrows.length) tbl.kids.push(enode("thead", [], hrows));
        if (brows.length) tbl.kids.push(enode("tbody", [], brows));
        this.block(tbl);
      }
    }
  }

  function flow(items, ex) {
    const f = new Flow(ex, false);
    for (const n of items) f.add(n);
    f.flush();
    return f.out;
  }

  function mixed(items) {
    const f = new Flow(EX_NONE, true);
    for (const n of items) f.add(n);
    f.flush();
    return f.out;
  }

  function distribute(e, kids) {
    const out = [];
    let run = [];
    const flush = () => {
      if (run.some((k) => !isBlankText(k))) out.push(enode(e.tag, e.attrs, run));
      run = [];
    };
    for (const k of kids) {
      if (k.k === T || (isInline(k) && !containsBlock(k))) run.push(k);
      else if (isInline(k)) {
        flush();
        out.push(...distribute(e, distribute(k, k.kids)));
      } else if (is(k, "hr")) {
        flush();
        out.push(k);
      } else {
        flush();
        out.push({ k: k.k, tag: k.tag, attrs: k.attrs, kids: distribute(e, k.kids) });
      }
    }
    flush();
    return out;
  }

  function normFigure(n) {
    const f = new Flow(EX_FIGURE, false);
    for (const k of n.kids) {
      if (is(k, "figcaption")) {
        const line = normLine(k.kids);
        if (line.length) f.block(enode("figcaption", [], line));
        continue;
      }
      f.add(k);
    }
    f.flush();
    return f.out.length ? enode("figure", n.attrs, f.out) : null;
  }

  function normList(n) {
    const raw = [];
    for (const k of n.kids) {
      if (is(k, "li")) raw.push(k.kids.slice());
      else if (isBlankText(k)) continue;
      else if (raw.length) raw[raw.length - 1].push(k);
      else raw.push([k]);
    }
    const lis = [];
    for (const r of raw) {
      const kids = mixed(r);
      if (kids.length) lis.push(enode("li", [], kids));
    }
    return lis.length ? enode(n.tag, [], lis) : null;
  }

  function hasContent(ns) {
    for (const n of ns) {
      if (n.k === T) {
        if (!isBlankText(n)) return true;
      } else if (is(n, "img") || is(n, "iframe") || hasContent(n.kids)) return true;
    }
    return false;
  }

  function imageTable(cells) {
    let media = null, caption = null;
    for (const c of cells) {
      const r = scanCell(c.kids, null);
      if (r.other) return null;
      if (!r.imgs.length && !r.text) continue;
      if (r.imgs.length === 1 && !r.text && !media) {
        media = r.links[0] ? enode("a", r.links[0].attrs, [r.imgs[0]]) : r.imgs[0];
      } else if (!r.imgs.length && r.text && caption === null) caption = c.kids;
      else return null;
    }
    if (!media) return null;
    const fig = enode("figure", [["class", "image"]], [media]);
    if (caption) fig.kids.push(enode("figcaption", [], caption));
    return fig;
  }

  function scanCell(items, link) {
    const r = { imgs: [], links: [], text: false, other: false };
    for (const n of items) {
      if (n.k === T) {
        if (!isBlankText(n)) r.text = true;
      } else if (is(n, "img")) {
        r.imgs.push(n);
        r.links.push(link);
      } else if (["iframe", "table", "ul", "ol", "figure", "blockquote", "hr"].some((t) => is(n, t))) {
        r.other = true;
      } else {
        const s = scanCell(n.kids, is(n, "a") ? n : link);
        r.imgs.push(...s.imgs);
        r.links.push(...s.links);
        r.text = r.text || s.text;
        r.other = r.other || s.other;
      }
    }
    return r;
  }

  function inlineOnly(items, open) {
    const out = [];
    for (const n of items) {
      if (n.k === T) out.push(tnode(n.text));
      else if (n.k === G) out.push(tnode(" "), ...inlineOnly(n.kids, open), tnode(" "));
      else if (n.tag === "br" || n.tag === "img" || n.tag === "iframe") out.push(leaf(n));
      else if (INLINE.has(n.tag)) {
        if (open.has(n.tag)) {
          out.push(...inlineOnly(n.kids, open));
          continue;
        }
        const inner = new Set(open);
        inner.add(n.tag);
        out.push(enode(n.tag, n.attrs, inlineOnly(n.kids, inner)));
      } else if (n.tag === "hr") out.push(tnode(" "));
      else out.push(tnode(" "), ...inlineOnly(n.kids, open), tnode(" "));
    }
    return out;
  }

  function paragraphs(items) {
    const seq = normInline(items);
    const lines = [];
    let cur = [];
    for (let i = 0; i < seq.length; i++) {
      if (is(seq[i], "br") && i + 1 < seq.length && is(seq[i + 1], "br")) {
        while (i + 1 < seq.length && is(seq[i + 1], "br")) i++;
        lines.push(cur);
        cur = [];
        continue;
      }
      cur.push(seq[i]);
    }
    lines.push(cur);
    return lines.map(trimBreaks).filter((l) => l.length);
  }

  const normLine = (items) => trimBreaks(normInline(items));

  function trimBreaks(l) {
    let a = 0, b = l.length;
    while (a < b && is(l[a], "br")) a++;
    while (b > a && is(l[b - 1], "br")) b--;
    return l.slice(a, b);
  }

  function normInline(items) {
    let seq = inlineOnly(items, new Set());
    seq = prune(seq, false);
    seq = mergeTextDeep(seq);
    const w = { last: null, lastWS: false, lineStart: true };
    wsWalk(w, seq);
    wsTrimRight(w);
    seq = prune(seq, true);
    return mergeTextDeep(seq);
  }

  function prune(ns, afterWS) {
    const out = [];
    for (const n of ns) {
      if (n.k === T) {
        if (n.text === "") continue;
      } else if (n.tag !== "br" && n.tag !== "img" && n.tag !== "iframe") {
        n.kids = prune(n.kids, afterWS);
        if (!n.kids.length) continue;
        if (afterWS && !hasContent(n.kids)) {
          out.push(...breaks(n.kids));
          continue;
        }
      }
      out.push(n);
    }
    return out;
  }

  function breaks(ns) {
    const out = [];
    for (const n of ns) {
      if (is(n, "br")) out.push(n);
      else if (n.k === E) out.push(...breaks(n.kids));
    }
    return out;
  }

  function mergeTextDeep(ns) {
    ns = mergeText(ns);
    for (const n of ns) if (n.k === E && n.kids.length) n.kids = mergeTextDeep(n.kids);
    return ns;
  }

  const collapse = (s) => normText(s.replace(/[ \t\n\r\f\u00a0]+/g, (m) => (m === "\u00a0" ? m : " ")));

  function wsWalk(w, ns) {
    for (const n of ns) {
      if (n.k === T) {
        let s = collapse(n.text);
        if (w.lineStart) s = s.replace(/^[ \t\n\r\f\u00a0]+/, "");
        if (s !== "" && w.lastWS && isWS(s[0])) {
          s = s.slice(1);
          if (w.last.text.endsWith("\u00a0")) w.last.text = w.last.text.slice(0, -1) + " ";
        }
        n.text = s;
        if (s !== "") {
          w.last = n;
          w.lastWS = isWS(s[s.length - 1]);
          w.lineStart = false;
        }
      } else if (is(n, "br")) {
        wsTrimRight(w);
        w.lineStart = true;
      } else if (is(n, "img") || is(n, "iframe")) {
        w.last = null;
        w.lastWS = false;
        w.lineStart = false;
      } else wsWalk(w, n.kids);
    }
  }

  function wsTrimRight(w) {
    if (w.last && w.lastWS) w.last.text = w.last.text.replace(/[ \t\n\r\f\u00a0]+$/, "");
    w.last = null;
    w.lastWS = false;
  }

  function endsWithJavascript(s) {
    const cps = Array.from(s.slice(-20));
    const word = "javascript";
    if (cps.length < word.length) return false;
    for (let j = 0; j < word.length; j++) {
      const c = cps[cps.length - word.length + j];
      if ((c === "\u0130" ? "i" : c.toLowerCase()) !== word[j]) return false;
    }
    return true;
  }

  function escapeHTML(s, inAttr) {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === "&") out += "&amp;";
      else if (c === "<") out += "&lt;";
      else if (c === ">") out += "&gt;";
      else if (c === '"' && inAttr) out += "&#34;";
      else if (c === "\u00a0") out += "&nbsp;";
      else if (c === ":" && endsWithJavascript(s.slice(0, i))) out += "&#58;";
      else out += c;
    }
    return out;
  }

  function render(n) {
    if (n.k === T) return escapeHTML(n.text, false);
    if (n.k === G) return n.kids.map(render).join("");
    let s = "<" + n.tag;
    for (const [k, v] of n.attrs) s += " " + k + '="' + escapeHTML(v, true) + '"';
    s += ">";
    if (VOID.has(n.tag)) return s;
    return s + n.kids.map(render).join("") + "</" + n.tag + ">";
  }

  // canonical returns the sanitized top-level blocks of a DOM container.
  const canonical = (container) => flow(cleanKids(container), EX_NONE);
  const renderBlocks = (blocks) => blocks.map(render).join("\n");

  // ---------------------------------------------------------------------
  // Pasted HTML from Word and Google Docs.
  // ---------------------------------------------------------------------

  function styleProp(el, prop) {
    const m = new RegExp("(?:^|;)\\s*" + prop + "\\s*:\\s*([^;]+)", "i").exec(el.getAttribute("style") || "");
    return m ? m[1].trim().toLowerCase() : "";
  }
  const boldWeight = (w) => w === "bold" || w === "bolder" || parseInt(w, 10) >= 600;
  const normalWeight = (w) => w === "normal" || w === "lighter" || (parseInt(w, 10) > 0 && parseInt(w, 10) < 600);

  // replaceWithKids replaces el by its children, wrapped in wrapTags. New
  // nodes come from el's own document: pasted markup must stay in the inert
  // one (an <img> adopted into the page starts loading).
  function replaceWithKids(el, wrapTags) {
    const doc = el.ownerDocument;
    let inner = doc.createDocumentFragment();
    while (el.firstChild) inner.appendChild(el.firstChild);
    for (const tag of wrapTags) {
      const w = doc.createElement(tag);
      w.appendChild(inner);
      inner = doc.createDocumentFragment();
      inner.appendChild(w);
    }
    el.replaceWith(inner);
  }

  // preclean turns what office suites express with styles and classes into
  // structure before the common cleaning: Word's list paragraphs into lists,
  // Google Docs' styled spans into strong/em (and its "font-weight:normal"
  // wrapper <b> into nothing), list items that wrap one paragraph into
  // plain items. Images that do not come from our media library are dropped
  // (returned count): a newspaper credits and resizes every picture.
  function preclean(frag) {
    const doc = frag.ownerDocument;
    let dropped = 0;
    // Word: the bullet or number of a list paragraph is text in a span marked
    // mso-list:Ignore; remember it, then group the paragraphs into lists.
    for (const p of frag.querySelectorAll("p")) {
      const cls = p.getAttribute("class") || "";
      const style = (p.getAttribute("style") || "").toLowerCase();
      if (!/msolistparagraph/i.test(cls) && !/mso-list\s*:\s*l\d/.test(style)) continue;
      let marker = "";
      for (const ign of p.querySelectorAll("span")) {
        if (/mso-list\s*:\s*ignore/i.test(ign.getAttribute("style") || "")) {
          marker += ign.textContent;
          ign.remove();
        }
      }
      p.dataset.edList = /^\s*([0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]/.test(marker) ? "ol" : "ul";
    }
    for (const p of frag.querySelectorAll("p[data-ed-list]")) {
      if (!p.parentNode) continue;
      const type = p.dataset.edList;
      const prev = p.previousElementSibling;
      let list;
      if (prev && prev.localName === type && prev.dataset.edWord) list = prev;
      else {
        list = doc.createElement(type);
        list.dataset.edWord = "1";
        p.before(list);
      }
      const li = doc.createElement("li");
      while (p.firstChild) li.appendChild(p.firstChild);
      list.appendChild(li);
      p.remove();
    }
    // (A video placeholder copied from this editor keeps its span.)
    for (const el of frag.querySelectorAll("span:not(.ed-video), font, b, strong, i, em")) {
      const tag = el.localName;
      const w = styleProp(el, "font-weight"), st = styleProp(el, "font-style");
      const inHeading = !!el.closest("h1, h2, h3, h4, h5, h6");
      const bold = !inHeading && (tag === "b" || tag === "strong" ? !normalWeight(w) : boldWeight(w));
      const italic = tag === "i" || tag === "em" ? st !== "normal" : st === "italic" || st === "oblique";
      const wraps = [];
      if (italic) wraps.push("em");
      if (bold) wraps.push("strong");
      replaceWithKids(el, wraps);
    }
    for (const li of frag.querySelectorAll("li")) {
      const kids = [...li.children];
      if (!kids.length || kids.some((k) => k.localName !== "p")) continue;
      kids.forEach((p, i) => {
        if (i > 0) p.before(doc.createElement("br"));
        replaceWithKids(p, []);
      });
    }
    for (const img of frag.querySelectorAll("img")) {
      let src = (img.getAttribute("src") || "").trim();
      if (src.startsWith(location.origin + "/media/")) src = src.slice(location.origin.length);
      if (src.startsWith("/media/") && cleanURL(src, true) !== null) img.setAttribute("src", src);
      else {
        img.remove();
        dropped++;
      }
    }
    return dropped;
  }

  // parseHTML parses as richtext does: a fragment inside a <div>. The div
  // belongs to a document without a browsing context, so nothing in the
  // markup loads or runs.
  const inert = document.implementation.createHTMLDocument("");
  function parseHTML(html) {
    const div = inert.createElement("div");
    div.innerHTML = html;
    return div;
  }

  function textToHTML(text) {
    const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return normText(text).split(/\n[ \t\u00a0]*\n+/).map((p) => "<p>" + esc(p).replace(/\n/g, "<br>") + "</p>").join("");
  }

  // ---------------------------------------------------------------------
  // Editing DOM: canonical nodes shown in the editor. Figures become
  // widgets (not editable as a whole, caption and credit editable in place),
  // embeds become placeholders: the newsroom's CSP rightly loads no frames.
  // ---------------------------------------------------------------------

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids) if (k != null) el.append(k);
    return el;
  }

  const attrOf = (n, key) => {
    const a = n.attrs.find((a) => a[0] === key);
    return a ? a[1] : undefined;
  };

  function videoPlaceholder(n) {
    const src = attrOf(n, "src");
    const host = VIDEO_HOSTS.find((v) => src.startsWith("https://" + v.host + "/"));
    const d = { class: "ed-video", contenteditable: "false", "data-src": src };
    for (const k of ["width", "height", "title"]) if (attrOf(n, k) !== undefined) d["data-" + k] = attrOf(n, k);
    if (attrOf(n, "allowfullscreen") !== undefined) d["data-allowfullscreen"] = "";
    return h("span", d,
      h("span", { class: "ed-video-label", text: "Video " + (host ? host.name : "") }),
      h("span", { class: "ed-video-src", text: src.replace(/^https:\/\//, "") }));
  }

  // A figure becomes a widget when it is one picture or embed and perhaps
  // a caption: the shape this editor writes.
  function widgetParts(n) {
    const [media, cap, ...rest] = n.kids;
    if (rest.length || !media || (cap && !is(cap, "figcaption"))) return null;
    if (!(is(media, "img") || is(media, "iframe") || (is(media, "a") && media.kids.length === 1 && is(media.kids[0], "img")))) return null;
    let capKids = cap ? cap.kids.slice() : [], credit = [];
    const last = capKids[capKids.length - 1];
    if (last && is(last, "cite")) {
      credit = last.kids;
      capKids = capKids.slice(0, -1);
    }
    return { media, capKids, credit };
  }

  function figureWidget(n, parts) {
    const isVideo = is(parts.media, "iframe");
    const cls = ["ed-figure"];
    if (isVideo) cls.push("ed-figure-video");
    const orig = attrOf(n, "class");
    if (orig) cls.push(orig);
    const cap = h("span", { class: "ed-cap", contenteditable: "true", "data-placeholder": isVideo ? "Chú thích video" : "Chú thích ảnh", role: "textbox", "aria-label": "Chú thích" });
    cap.append(...parts.capKids.map(toDOM));
    const credit = h("cite", { class: "ed-credit", contenteditable: "true", "data-placeholder": "Nguồn", role: "textbox", "aria-label": isVideo ? "Nguồn video" : "Nguồn ảnh" });
    credit.append(...parts.credit.map(toDOM));
    const img = is(parts.media, "a") ? parts.media.kids[0] : parts.media;
    const alt = attrOf(img, "alt");
    const linked = is(img, "img") && (alt === undefined || alt === "" || alt === normLineText(cap.textContent));
    return h("figure", { class: cls.join(" "), contenteditable: "false", "data-alt-caption": linked },
      toDOM(parts.media),
      h("figcaption", null, cap, credit),
      h("span", { class: "ed-ui ed-fig-tools" },
        h("button", { type: "button", class: "ed-fig-remove", "data-action": "remove-figure", title: isVideo ? "Xoá video" : "Xoá ảnh", "aria-label": isVideo ? "Xoá video" : "Xoá ảnh", text: "×" })));
  }

  function toDOM(n) {
    if (n.k === T) return document.createTextNode(n.text);
    if (n.k === G) {
      const f = document.createDocumentFragment();
      f.append(...n.kids.map(toDOM));
      return f;
    }
    if (n.tag === "iframe") return videoPlaceholder(n);
    if (n.tag === "figure") {
      const parts = widgetParts(n);
      if (parts) return figureWidget(n, parts);
    }
    const el = document.createElement(n.tag);
    for (const [k, v] of n.attrs) if (k !== "loading") el.setAttribute(k, v);
    // <b> and <i> that were already in the body stay as they are; the ones
    // the browser makes while editing become <strong> and <em> (tidy).
    if (n.tag === "b" || n.tag === "i") el.dataset.edKeep = "";
    el.append(...n.kids.map(toDOM));
    return el;
  }

  // ---------------------------------------------------------------------
  // Addresses typed by people: links and videos.
  // ---------------------------------------------------------------------

  // linkHref turns what someone typed into a link address that richtext
  // keeps as it is, or an error in Vietnamese.
  function linkHref(raw) {
    let s = (raw || "").trim();
    if (!s) return { error: "Hãy nhập địa chỉ liên kết." };
    const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(s);
    if (!hasScheme && /^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(s)) s = "mailto:" + s;
    else if (!hasScheme && /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:[0-9]+)?([/?#]|$)/i.test(s)) s = "https://" + s;
    if (/^mailto:/i.test(s)) {
      const addr = s.slice(7);
      if (/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(addr)) return { href: "mailto:" + addr };
      return { error: "Địa chỉ thư điện tử không hợp lệ." };
    }
    if (s.startsWith("/") && !s.startsWith("//")) {
      const c = cleanURL(s, false);
      return c ? { href: c } : { error: "Đường dẫn trong trang không hợp lệ." };
    }
    if (/^https?:\/\//i.test(s)) {
      try {
        const u = new URL(s);
        if (!u.username && !u.password && u.hostname.includes(".") || u.hostname === "localhost") {
          const c = cleanURL(u.href, false);
          if (c === u.href) return { href: c };
        }
      } catch (_) { /* falls through to the error */ }
      return { error: "Địa chỉ liên kết không hợp lệ." };
    }
    return { error: "Liên kết phải bắt đầu bằng http://, https:// hoặc mailto: (hoặc là đường dẫn trong báo, bắt đầu bằng /)." };
  }

  // embedURL turns the address of a video page (as copied from the browser
  // or the Share button) into the player address richtext allows.
  function embedURL(raw) {
    let s = (raw || "").trim();
    const m = /<iframe[^>]*\ssrc\s*=\s*["']([^"']+)["']/i.exec(s); // a pasted embed code
    if (m) s = m[1];
    if (s.startsWith("//")) s = "https:" + s;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) s = "https://" + s;
    let u;
    try {
      u = new URL(s);
    } catch (_) {
      return null;
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    const host = u.hostname.toLowerCase().replace(/^(www|m|music)\./, "");
    const parts = u.pathname.split("/").filter(Boolean);
    let id = null, src = null;
    if (host === "youtube.com" || host === "youtube-nocookie.com") {
      if (u.pathname === "/watch") id = u.searchParams.get("v");
      else if (["embed", "shorts", "live", "v"].includes(parts[0]) && parts.length === 2) id = parts[1];
      if (id && youTubeID(id)) src = "https://www." + host + "/embed/" + id;
    } else if (host === "youtu.be" && parts.length === 1) {
      id = parts[0];
      if (youTubeID(id)) src = "https://www.youtube.com/embed/" + id;
    } else if (host === "vimeo.com" && parts.length >= 1) {
      id = parts[parts.length - 1];
      if (digitsID(id)) src = "https://player.vimeo.com/video/" + id;
    } else if (host === "player.vimeo.com" && parts[0] === "video" && parts.length === 2) {
      id = parts[1];
      if (digitsID(id)) src = "https://player.vimeo.com/video/" + id;
    }
    return src && videoSrc(src) === src ? src : null;
  }

  // ---------------------------------------------------------------------
  // The editor.
  // ---------------------------------------------------------------------

  const TEXT_BLOCK = /^(P|H2|H3|H4)$/;
  const LIST = /^(UL|OL)$/;
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform || "");
  const MOD = isMac ? "⌘" : "Ctrl+";

  const indexOf = (n) => Array.prototype.indexOf.call(n.parentNode.childNodes, n);

  function clock(d) {
    const p = (x) => String(x).padStart(2, "0");
    d = d || new Date();
    return p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds());
  }

  function hasMedia(el) {
    return !!el.querySelector("img, .ed-video, figure, hr, table");
  }
  function isEmptyBlock(el) {
    if (!el || el.nodeType !== 1) return !el || !el.data || !el.data.trim();
    if (/^(FIGURE|HR|TABLE)$/.test(el.nodeName)) return false;
    return !el.textContent.replace(/[\s\u200b\ufeff]/g, "") && !hasMedia(el);
  }

  class Editor {
    constructor(textarea) {
      this.ta = textarea;
      this.form = textarea.form;
      this.undoStack = [];
      this.redoStack = [];
      this.lastKind = "";
      this.lastTyping = 0;
      this.savedRange = null;
      this.build();
    }

    build() {
      const ta = this.ta;
      const label = ta.id ? document.querySelector('label[for="' + CSS.escape(ta.id) + '"]') : null;
      this.root = h("div", {
        class: "ed-body", contenteditable: "true", role: "textbox", "aria-multiline": "true", spellcheck: "true",
        lang: "vi", "aria-label": label ? null : "Nội dung bài viết",
      });
      if (label) {
        if (!label.id) label.id = (ta.id || "noi-dung") + "-nhan";
        this.root.setAttribute("aria-labelledby", label.id);
        label.addEventListener("click", (e) => {
          e.preventDefault();
          this.root.focus();
        });
      }
      this.note = h("p", { class: "ed-note", role: "status", hidden: true });
      this.bar = this.toolbar();
      this.wrap = h("div", { class: "ed" }, this.bar, this.root, this.note);
      this.setHTML(ta.value);
      ta.after(this.wrap);
      this.bind();
      // Only now that everything works does the textarea step aside.
      ta.hidden = true;
      ta.required = false;
      ta.classList.add("ed-source");
      this.sync();
    }

    toolbar() {
      const b = (cmd, text, label, key, cls) => h("button", {
        type: "button", class: "ed-btn" + (cls ? " " + cls : ""), "data-cmd": cmd, "aria-label": label,
        title: key ? label + " (" + MOD + key + ")" : label, "aria-pressed": /^(h2|h3|bold|italic|ul|ol|quote|link)$/.test(cmd) ? "false" : null, text,
      });
      const group = (label, ...btns) => h("div", { class: "ed-group", role: "group", "aria-label": label }, ...btns);
      return h("div", { class: "ed-bar", role: "toolbar", "aria-label": "Định dạng nội dung" },
        group("Tiêu đề", b("h2", "Tiêu đề lớn", "Tiêu đề lớn"), b("h3", "Tiêu đề nhỏ", "Tiêu đề nhỏ")),
        group("Chữ", b("bold", "Đậm", "Đậm", "B", "ed-btn-bold"), b("italic", "Nghiêng", "Nghiêng", "I", "ed-btn-italic"),
          b("link", "Liên kết", "Liên kết", "K")),
        group("Đoạn", b("ul", "Danh sách", "Danh sách"), b("ol", "Danh sách số", "Danh sách số"), b("quote", "Trích dẫn", "Trích dẫn")),
        group("Chèn", b("image", "Ảnh", "Ảnh"), b("video", "Video", "Video")),
        group("Lịch sử", b("undo", "Hoàn tác", "Hoàn tác", "Z"), b("redo", "Làm lại", "Làm lại", isMac ? "⇧Z" : "Y")));
    }

    setHTML(html) {
      const frag = document.createDocumentFragment();
      frag.append(...canonical(parseHTML(html)).map(toDOM));
      this.root.replaceChildren(frag);
      this.ensureParagraph();
    }

    // html is the body as the server will store it.
    html() {
      return renderBlocks(canonical(this.root));
    }

    sync() {
      clearTimeout(this.syncTimer);
      this.syncTimer = 0;
      this.ta.value = this.html();
    }

    // syncSoon syncs after a pause in typing: serializing a long article
    // takes tens of milliseconds, too much for every keystroke. Submitting,
    // autosave and new FormData(form) (the formdata event) sync at once, so
    // nothing stale is ever sent.
    syncSoon() {
      clearTimeout(this.syncTimer);
      this.syncTimer = setTimeout(() => this.sync(), 300);
    }

    bind() {
      const root = this.root;
      try {
        document.execCommand("defaultParagraphSeparator", false, "p");
        document.execCommand("styleWithCSS", false, false);
      } catch (_) { /* not supported: tidy() repairs */ }
      this.bar.addEventListener("mousedown", (e) => {
        if (e.target.closest("button")) e.preventDefault(); // keep the selection in the text
      });
      this.bar.addEventListener("click", (e) => {
        const btn = e.target.closest("button[data-cmd]");
        if (btn) this.command(btn.dataset.cmd);
      });
      // The toolbar is one Tab stop; arrow keys, Home and End move inside
      // it, Escape goes back to the text (WAI-ARIA toolbar pattern).
      const buttons = [...this.bar.querySelectorAll("button")];
      buttons.forEach((b, i) => { b.tabIndex = i === 0 ? 0 : -1; });
      this.bar.addEventListener("keydown", (e) => {
        const i = buttons.indexOf(document.activeElement);
        if (i < 0) return;
        const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
        if (e.key === "Escape") {
          e.preventDefault();
          this.restore();
          return;
        }
        if (to === undefined) return;
        e.preventDefault();
        const next = buttons[(to + buttons.length) % buttons.length];
        buttons.forEach((b) => { b.tabIndex = b === next ? 0 : -1; });
        next.focus();
      });
      root.addEventListener("click", (e) => {
        const btn = e.target.closest("[data-action=remove-figure]");
        if (!btn) return;
        e.preventDefault();
        this.record();
        const fig = btn.closest("figure");
        const next = fig.nextElementSibling;
        fig.remove();
        this.ensureParagraph();
        if (next) this.caretIn(next, true);
        this.changed();
      });
      root.addEventListener("beforeinput", (e) => this.beforeInput(e));
      root.addEventListener("input", (e) => {
        if (!e.isComposing) this.tidy();
        this.syncSoon();
      });
      root.addEventListener("compositionend", () => {
        this.tidy();
        this.syncSoon();
      });
      root.addEventListener("keydown", (e) => this.keydown(e));
      root.addEventListener("paste", (e) => this.paste(e));
      root.addEventListener("dragstart", () => { this.dragging = true; });
      root.addEventListener("dragend", () => { this.dragging = false; });
      root.addEventListener("drop", (e) => this.drop(e));
      document.addEventListener("selectionchange", () => {
        const r = this.range();
        if (r) this.savedRange = r.cloneRange();
        this.updateState();
      });
      if (this.form) {
        this.form.addEventListener("submit", () => this.sync(), true);
        this.form.addEventListener("formdata", (e) => e.formData.set(this.ta.name, this.html()));
      }
    }

    // range is the selection if it is inside this editor.
    range() {
      const sel = getSelection();
      if (!sel.rangeCount) return null;
      const r = sel.getRangeAt(0);
      return this.root.contains(r.commonAncestorContainer) ? r : null;
    }

    // restore puts back the last selection inside the editor (a dialog or a
    // toolbar tap on a tablet may have taken it away), or the end.
    restore() {
      let r = this.range();
      if (r && this.root.contains(document.activeElement)) return r;
      if (r) r = r.cloneRange();
      else if (this.savedRange && this.root.contains(this.savedRange.commonAncestorContainer)) r = this.savedRange.cloneRange();
      else {
        r = document.createRange();
        const last = this.root.lastElementChild;
        if (last && TEXT_BLOCK.test(last.nodeName)) {
          r.selectNodeContents(last);
          r.collapse(false);
        } else {
          r.setStart(this.root, this.root.childNodes.length);
        }
      }
      this.select(r);
      return r;
    }

    // refocus brings the focus back after a dialog. The close event comes
    // late: if the focus is already in the editor (an insertion put the
    // caret somewhere), it stays where it is.
    refocus() {
      if (!this.root.contains(document.activeElement)) this.restore();
    }

    // select puts the range back as the selection, with the focus in its
    // editing host (the text, or a caption).
    select(r) {
      const n = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
      const host = n.closest('[contenteditable="true"]');
      (host && this.root.contains(host) ? host : this.root).focus({ preventScroll: true });
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      return sel;
    }

    caretIn(el, atStart) {
      const r = document.createRange();
      r.selectNodeContents(el);
      r.collapse(!!atStart);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }

    changed() {
      this.sync();
      this.updateState();
      // Let the form (autosave) know, as typing does.
      this.root.dispatchEvent(new Event("input", { bubbles: true }));
    }

    ensureParagraph() {
      const last = this.root.lastElementChild;
      if (!last || !TEXT_BLOCK.test(last.nodeName)) this.root.append(h("p", null, h("br")));
    }

    // ----- history -----

    snapshot() {
      const r = this.range();
      const path = (node) => {
        const p = [];
        for (; node !== this.root; node = node.parentNode) p.unshift(indexOf(node));
        return p;
      };
      return { html: this.root.innerHTML, sel: r ? [path(r.startContainer), r.startOffset, path(r.endContainer), r.endOffset] : null };
    }

    apply(s) {
      this.root.innerHTML = s.html; // our own earlier content, already clean
      const find = (p) => {
        let n = this.root;
        for (const i of p) {
          if (!n.childNodes[i]) return null;
          n = n.childNodes[i];
        }
        return n;
      };
      const sc = s.sel && find(s.sel[0]), ec = s.sel && find(s.sel[2]);
      this.root.focus({ preventScroll: true });
      try {
        if (sc && ec) getSelection().setBaseAndExtent(sc, s.sel[1], ec, s.sel[3]);
        else this.caretIn(this.root.lastElementChild || this.root);
      } catch (_) {
        this.caretIn(this.root.lastElementChild || this.root);
      }
      this.changed();
    }

    record() {
      const s = this.snapshot();
      const top = this.undoStack[this.undoStack.length - 1];
      if (!top || top.html !== s.html) this.undoStack.push(s);
      if (this.undoStack.length > 200) this.undoStack.shift();
      this.redoStack = [];
    }

    undo() {
      const cur = this.snapshot();
      let prev = this.undoStack.pop();
      while (prev && prev.html === cur.html) prev = this.undoStack.pop();
      if (!prev) return;
      this.redoStack.push(cur);
      this.apply(prev);
      this.lastKind = "";
    }

    redo() {
      const next = this.redoStack.pop();
      if (!next) return;
      this.undoStack.push(this.snapshot());
      this.apply(next);
      this.lastKind = "";
    }

    beforeInput(e) {
      if (e.inputType === "historyUndo" || e.inputType === "historyRedo") {
        e.preventDefault();
        if (e.inputType === "historyUndo") this.undo();
        else this.redo();
        return;
      }
      if (e.isComposing) return;
      // Typing is recorded in bursts: a new step after a pause, a new kind
      // of change, or a new paragraph.
      const kind = e.inputType.startsWith("delete") ? "delete" : e.inputType === "insertText" ? "text" : e.inputType;
      const now = Date.now();
      if (kind !== this.lastKind || now - this.lastTyping > 1000 || kind === "insertParagraph") this.record();
      this.lastKind = kind;
      this.lastTyping = now;
      if (e.inputType === "insertParagraph" || e.inputType === "insertLineBreak") {
        // A caption is one line: Enter moves on instead (soft keyboards
        // send no keydown we could catch).
        const a = getSelection().anchorNode;
        const cap = a && (a.nodeType === 1 ? a : a.parentNode).closest(".ed-cap, .ed-credit");
        if (cap) {
          e.preventDefault();
          this.leaveCaption(cap);
        }
      }
    }

    leaveCaption(cap) {
      const fig = cap.closest("figure");
      if (cap.classList.contains("ed-cap")) {
        const credit = fig.querySelector(".ed-credit");
        credit.focus();
        this.caretIn(credit);
        return;
      }
      let next = fig.nextElementSibling;
      if (!next || !TEXT_BLOCK.test(next.nodeName)) {
        next = h("p", null, h("br"));
        fig.after(next);
      }
      this.root.focus();
      this.caretIn(next, true);
    }

    keydown(e) {
      if (e.isComposing) return;
      if (e.key === "F10" && e.altKey) {
        // Alt+F10, as in other editors: from the text to the toolbar.
        e.preventDefault();
        (this.bar.querySelector('button[tabindex="0"]') || this.bar.querySelector("button")).focus();
        return;
      }
      const cap = e.target.closest && e.target.closest(".ed-cap, .ed-credit");
      if (cap && e.key === "Enter") {
        e.preventDefault();
        this.leaveCaption(cap);
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const cmd = { b: "bold", i: "italic", k: "link", y: "redo", z: e.shiftKey ? "redo" : "undo" }[key];
      if (!cmd) return;
      e.preventDefault();
      this.command(cmd);
    }

    // ----- structure -----

    // tidy repairs what browsers leave behind: text or inline markup
    // directly in the editor, <div> paragraphs, style spans and font tags,
    // and <b>/<i> from the bold and italic commands (written <strong>, <em>).
    tidy() {
      const root = this.root;
      const made = "b:not([data-ed-keep]), i:not([data-ed-keep])";
      const strayTop = [...root.childNodes].some((n) =>
        (n.nodeType === 3 && n.data.trim()) || (n.nodeType === 1 && (n.nodeName === "DIV" || INLINE.has(n.localName) || n.nodeName === "SPAN" || n.nodeName === "FONT")));
      const spans = root.querySelectorAll("span:not([class]), font");
      if (!strayTop && !spans.length && !root.querySelector(made)) {
        if (!root.firstElementChild) this.ensureParagraph();
        return;
      }
      this.keepSelection(() => {
        for (const el of root.querySelectorAll(made)) this.rename(el, el.localName === "b" ? "strong" : "em");
        for (const s of root.querySelectorAll("span:not([class]), font")) {
          if (s.closest(".ed-ui")) continue;
          replaceWithKids(s, []);
        }
        let p = null;
        for (const n of [...root.childNodes]) {
          if (n.nodeType === 1 && n.nodeName === "DIV") {
            const np = h("p");
            while (n.firstChild) np.appendChild(n.firstChild);
            n.replaceWith(np);
            p = null;
          } else if ((n.nodeType === 3 && n.data.trim()) || (n.nodeType === 1 && INLINE.has(n.localName))) {
            if (!p) {
              p = h("p");
              n.before(p);
            }
            p.appendChild(n);
          } else if (n.nodeType === 1 && !n.classList.contains("ed-mark")) p = null;
        }
      });
      this.ensureParagraph();
    }

    // keepSelection runs fn, which may move nodes around, and puts the
    // selection back where it was, using two marker elements.
    keepSelection(fn) {
      const r = this.range();
      if (!r) {
        fn();
        return;
      }
      const m1 = h("span", { class: "ed-mark" }), m2 = h("span", { class: "ed-mark" });
      const end = r.cloneRange();
      end.collapse(false);
      end.insertNode(m2);
      const start = r.cloneRange();
      start.collapse(true);
      start.insertNode(m1);
      try {
        fn();
      } finally {
        if (!m1.parentNode || !m2.parentNode) {
          // A marker went away with its block: no selection to put back.
          m1.remove();
          m2.remove();
        } else {
          const sp = m1.parentNode, si = indexOf(m1);
          m1.remove();
          const ep = m2.parentNode, ei = indexOf(m2);
          m2.remove();
          try {
            getSelection().setBaseAndExtent(sp, si, ep, ei);
          } catch (_) { /* outside the document */ }
          sp.normalize();
          if (ep !== sp) ep.normalize();
        }
      }
    }

    topBlock(node) {
      while (node && node.parentNode !== this.root) node = node.parentNode;
      return node;
    }

    // lines are the units block commands work on: top-level paragraphs and
    // headings, and items of top-level lists.
    lines() {
      const out = [];
      for (const b of this.root.children) {
        if (TEXT_BLOCK.test(b.nodeName)) out.push(b);
        else if (LIST.test(b.nodeName)) for (const li of b.children) if (li.nodeName === "LI") out.push(li);
      }
      return out;
    }

    lineOf(node) {
      const b = this.topBlock(node);
      if (!b) return null;
      if (TEXT_BLOCK.test(b.nodeName)) return b;
      if (!LIST.test(b.nodeName)) return null;
      for (; node && node !== b; node = node.parentNode) if (node.nodeName === "LI" && node.parentNode === b) return node;
      return null;
    }

    selectedLines(r) {
      const endLine = this.lineOf(r.endContainer);
      return this.lines().filter((l) => {
        if (!r.intersectsNode(l)) return false;
        // A selection ending at the very start of a line does not take it.
        return !(l === endLine && !r.collapsed && r.endOffset === 0 && l !== this.lineOf(r.startContainer) && l.contains(r.endContainer));
      });
    }

    rename(el, tag) {
      if (el.nodeName === tag.toUpperCase()) return el;
      const n = document.createElement(tag);
      while (el.firstChild) n.appendChild(el.firstChild);
      el.replaceWith(n);
      return n;
    }

    // lift takes an item out of its list as a block of its own, splitting the
    // list around it.
    lift(li, tag) {
      const list = li.parentNode;
      const after = [];
      for (let n = li.nextSibling; n; n = n.nextSibling) after.push(n);
      const block = document.createElement(tag);
      while (li.firstChild) block.appendChild(li.firstChild);
      if (after.some((n) => n.nodeType === 1)) {
        const rest = document.createElement(list.nodeName);
        rest.append(...after);
        list.after(rest);
      }
      list.after(block);
      li.remove();
      if (!list.querySelector("li")) list.remove();
      return block;
    }

    setBlock(tag) {
      const r = this.restore();
      const lines = this.selectedLines(r);
      if (!lines.length) return;
      const all = lines.every((l) => l.nodeName === tag.toUpperCase());
      const target = all ? "p" : tag;
      this.record();
      this.keepSelection(() => {
        for (const l of lines) {
          if (l.nodeName === "LI") this.lift(l, target);
          else this.rename(l, target);
        }
      });
      this.changed();
    }

    setList(type) {
      const r = this.restore();
      let lines = this.selectedLines(r);
      if (!lines.length) return;
      const all = lines.every((l) => l.nodeName === "LI" && l.parentNode.nodeName === type.toUpperCase());
      this.record();
      this.keepSelection(() => {
        lines = lines.map((l) => (l.nodeName === "LI" ? this.lift(l, "p") : this.rename(l, "p")));
        if (all) return;
        let list = null;
        for (const p of lines) {
          if (!list || list.nextSibling !== p) {
            const prev = p.previousElementSibling;
            if (prev && prev.nodeName === type.toUpperCase() && prev.nextSibling === p) list = prev;
            else {
              list = document.createElement(type);
              p.before(list);
            }
          }
          const li = document.createElement("li");
          while (p.firstChild) li.appendChild(p.firstChild);
          list.appendChild(li);
          p.remove();
        }
        const next = list && list.nextElementSibling;
        if (next && next.nodeName === list.nodeName && list.nextSibling === next) {
          while (next.firstChild) list.appendChild(next.firstChild);
          next.remove();
        }
      });
      this.changed();
    }

    // insertBlocks puts blocks at the caret: the block there is split in two
    // (an empty half goes away) and the caret ends after the last one.
    insertBlocks(blocks) {
      let r = this.restore();
      if (!r.collapsed) {
        document.execCommand("delete");
        r = this.restore();
      }
      const top = this.topBlock(r.startContainer);
      const last = blocks[blocks.length - 1];
      if (top && /^(FIGURE|TABLE|HR)$/.test(top.nodeName)) {
        // The caret is in a caption or a table cell: never split those.
        top.after(...blocks);
      } else if (!top) {
        const frag = document.createDocumentFragment();
        frag.append(...blocks);
        r.insertNode(frag);
      } else {
        const tail = document.createRange();
        tail.setStart(r.startContainer, r.startOffset);
        tail.setEnd(this.root, indexOf(top) + 1);
        const rest = tail.extractContents();
        const restBlock = rest.firstChild;
        // A list split at an item's edge leaves an empty item behind.
        if (LIST.test(top.nodeName) && top.lastElementChild && isEmptyBlock(top.lastElementChild)) top.lastElementChild.remove();
        if (restBlock && LIST.test(restBlock.nodeName) && restBlock.firstElementChild && isEmptyBlock(restBlock.firstElementChild)) {
          restBlock.firstElementChild.remove();
        }
        top.after(...blocks);
        if (restBlock && !isEmptyBlock(restBlock)) last.after(rest);
        if (isEmptyBlock(top)) top.remove();
      }
      let next = last.nextElementSibling;
      if (TEXT_BLOCK.test(last.nodeName) || LIST.test(last.nodeName)) {
        this.root.focus({ preventScroll: true });
        this.caretIn(LIST.test(last.nodeName) ? last.lastElementChild : last);
      } else {
        if (!next || !TEXT_BLOCK.test(next.nodeName)) {
          next = h("p", null, h("br"));
          last.after(next);
        }
        this.root.focus({ preventScroll: true });
        this.caretIn(next, true);
      }
      this.ensureParagraph();
      last.scrollIntoView({ block: "nearest" });
    }

    // insertNodes inserts cleaned content: one paragraph goes inline at the
    // caret, anything else as blocks.
    insertNodes(nodes) {
      if (!nodes.length) return;
      if (nodes.length === 1 && is(nodes[0], "p")) {
        let r = this.restore();
        if (!r.collapsed) {
          document.execCommand("delete");
          r = this.restore();
        }
        if (this.topBlock(r.startContainer)) {
          const frag = document.createDocumentFragment();
          frag.append(...nodes[0].kids.map(toDOM));
          const lastNode = frag.lastChild;
          r.insertNode(frag);
          const after = document.createRange();
          after.setStartAfter(lastNode);
          after.collapse(true);
          const sel = getSelection();
          sel.removeAllRanges();
          sel.addRange(after);
          return;
        }
      }
      this.insertBlocks(nodes.map(toDOM));
    }

    // pictureFile is an image file carried by a paste or a drop, if that is
    // all it carries: it goes to the media library with a caption and a
    // credit, never straight into the text.
    pictureFile(dt) {
      const file = [...(dt.files || [])].find((f) => /^image\//.test(f.type));
      return file && !dt.getData("text/html") && !dt.getData("text/plain") ? file : null;
    }

    paste(e) {
      const dt = e.clipboardData;
      if (!dt) return;
      e.preventDefault();
      const file = this.pictureFile(dt);
      if (file) {
        mediaPicker(this, file);
        return;
      }
      const html = dt.getData("text/html"), text = dt.getData("text/plain");
      const cap = e.target.closest && e.target.closest(".ed-cap, .ed-credit");
      this.record();
      if (cap) {
        const textOf = (n) => (n.k === T ? n.text : n.kids.map(textOf).join(" "));
        const line = normLineText(text || canonical(parseHTML(html)).map(textOf).join(" "));
        if (line) document.execCommand("insertText", false, line);
        return;
      }
      this.insertCleaned(html, text);
    }

    insertCleaned(html, text) {
      let dropped = 0, nodes;
      if (html && html.trim()) {
        const frag = parseHTML(html);
        dropped = preclean(frag);
        nodes = canonical(frag);
      } else nodes = canonical(parseHTML(textToHTML(text || "")));
      this.insertNodes(nodes);
      this.tell(dropped ? "Đã bỏ " + dropped + " ảnh dán từ nơi khác: hãy chèn ảnh bằng nút “Ảnh” để có chú thích và nguồn ảnh." : "");
      this.changed();
    }

    drop(e) {
      if (this.dragging || !e.dataTransfer) return; // moving text inside the editor: the browser does it
      const html = e.dataTransfer.getData("text/html"), text = e.dataTransfer.getData("text/plain");
      const file = this.pictureFile(e.dataTransfer);
      if (!html && !text && !file) return;
      e.preventDefault();
      const r = document.caretRangeFromPoint ? document.caretRangeFromPoint(e.clientX, e.clientY) : null;
      if (r && this.root.contains(r.startContainer)) {
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
      }
      if (file) {
        mediaPicker(this, file);
        return;
      }
      this.record();
      this.insertCleaned(html, text);
    }

    tell(msg) {
      this.note.textContent = msg;
      this.note.hidden = !msg;
    }

    // ----- commands -----

    command(cmd) {
      switch (cmd) {
        case "h2":
        case "h3":
          return this.setBlock(cmd);
        case "ul":
        case "ol":
          return this.setList(cmd);
        case "bold":
        case "italic":
          return this.inline(cmd);
        case "undo":
          return this.undo();
        case "redo":
          return this.redo();
        case "link":
          return this.linkDialog();
        case "quote":
          return this.quoteDialog();
        case "image":
          return mediaPicker(this);
        case "video":
          return this.videoDialog();
      }
    }

    // inline toggles bold or italic with the browser's command (with a
    // collapsed selection it only sets the style of what is typed next).
    inline(cmd) {
      this.restore();
      this.record();
      document.execCommand(cmd);
      this.tidy();
      this.changed();
    }

    updateState() {
      const r = this.range();
      const set = (cmd, on) => {
        const b = this.bar.querySelector('[data-cmd="' + cmd + '"]');
        if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
      };
      if (!r) return;
      const node = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
      const line = this.lineOf(r.startContainer);
      set("h2", line && line.nodeName === "H2");
      set("h3", line && line.nodeName === "H3");
      set("ul", line && line.nodeName === "LI" && line.parentNode.nodeName === "UL");
      set("ol", line && line.nodeName === "LI" && line.parentNode.nodeName === "OL");
      set("quote", !!node.closest("blockquote"));
      set("link", !!node.closest("a"));
      let bold = false, italic = false;
      try {
        bold = document.queryCommandState("bold");
        italic = document.queryCommandState("italic");
      } catch (_) { /* unsupported */ }
      set("bold", bold);
      set("italic", italic);
    }

    linkDialog() {
      const r = this.restore().cloneRange();
      const node = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
      const existing = node.closest("a");
      const d = dialog("Liên kết", [
        field("URL", "Địa chỉ liên kết", { type: "text", inputmode: "url", autocomplete: "off", placeholder: "https://…", value: existing ? existing.getAttribute("href") : "" }),
        h("label", { class: "ed-check" }, h("input", { type: "checkbox", name: "blank", checked: existing && existing.target === "_blank" }), " Mở ở thẻ mới"),
      ], existing ? "Cập nhật liên kết" : "Chèn liên kết", existing ? ["Bỏ liên kết", () => {
        this.select(r);
        this.record();
        this.keepSelection(() => replaceWithKids(existing, []));
        this.changed();
      }] : null);
      d.onsubmit = () => {
        const res = linkHref(d.form.elements.URL.value);
        if (res.error) return d.fail(res.error);
        const blank = d.form.elements.blank.checked;
        const setTarget = (a) => {
          if (blank) {
            a.target = "_blank";
            a.rel = "noopener";
          } else {
            a.removeAttribute("target");
            a.removeAttribute("rel");
          }
        };
        return () => {
        const sel = this.select(r);
        this.record();
        if (existing) {
          existing.setAttribute("href", res.href);
          setTarget(existing);
        } else if (r.collapsed) {
          const a = h("a", { href: res.href, text: res.href.replace(/^mailto:/, "") });
          setTarget(a);
          r.insertNode(a);
          const after = document.createRange();
          after.setStartAfter(a);
          sel.removeAllRanges();
          sel.addRange(after);
        } else {
          document.execCommand("createLink", false, res.href);
          const now = sel.rangeCount ? sel.getRangeAt(0) : r;
          for (const a of this.root.querySelectorAll("a")) if (a.getAttribute("href") === res.href && now.intersectsNode(a)) setTarget(a);
        }
        this.changed();
        };
      };
      d.open(this);
    }

    quoteDialog() {
      const r = this.restore().cloneRange();
      const node = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
      const bq = node.closest("blockquote");
      if (bq) {
        // Inside a quote the button takes it back to ordinary paragraphs.
        this.record();
        this.keepSelection(() => {
          const blocks = [];
          for (const k of [...bq.childNodes]) {
            if (k.nodeType === 1 && k.nodeName === "CITE") {
              const p = h("p");
              while (k.firstChild) p.appendChild(k.firstChild);
              blocks.push(p);
            } else if (k.nodeType === 1 && !INLINE.has(k.localName)) blocks.push(k);
            else if (k.nodeType === 1 || k.data.trim()) blocks.push(h("p", null, k));
          }
          bq.replaceWith(...blocks);
        });
        this.changed();
        return;
      }
      const lines = this.selectedLines(r).filter((l) => l.nodeName !== "LI");
      const selectedText = r.collapsed ? "" : lines.map((l) => l.textContent.trim()).filter(Boolean).join("\n\n");
      const d = dialog("Trích dẫn", [
        field("noi_dung", "Lời trích dẫn", { value: selectedText }, true),
        field("nguon", "Người nói (ghi nguồn)", { type: "text", placeholder: "Ví dụ: Ông Nguyễn Văn A, Chủ tịch UBND tỉnh" }),
      ], "Chèn trích dẫn");
      d.onsubmit = () => {
        const text = d.form.elements.noi_dung.value.trim();
        const who = normLineText(d.form.elements.nguon.value);
        if (!text) return d.fail("Hãy nhập lời trích dẫn.");
        return () => {
        this.select(r);
        this.record();
        const quote = h("blockquote");
        if (selectedText && text === selectedText) {
          // The selected paragraphs move into the quote with their markup.
          for (const l of lines) {
            const p = h("p");
            while (l.firstChild) p.appendChild(l.firstChild);
            quote.append(p);
          }
          lines[0].before(quote);
          lines.forEach((l) => l.remove());
          if (who) quote.append(h("cite", { text: who }));
          this.ensureParagraph();
          let next = quote.nextElementSibling;
          if (!next || !TEXT_BLOCK.test(next.nodeName)) {
            next = h("p", null, h("br"));
            quote.after(next);
          }
          this.caretIn(next, true);
        } else {
          for (const para of text.split(/\n\s*\n/)) {
            const p = h("p");
            para.split("\n").forEach((ln, i) => {
              if (i) p.append(h("br"));
              p.append(ln);
            });
            quote.append(p);
          }
          if (who) quote.append(h("cite", { text: who }));
          this.insertBlocks([quote]);
        }
        this.changed();
        };
      };
      d.open(this);
    }

    videoDialog() {
      const r = this.restore().cloneRange();
      const d = dialog("Nhúng video", [
        field("URL", "Địa chỉ video (YouTube hoặc Vimeo)", { type: "text", inputmode: "url", autocomplete: "off", placeholder: "https://www.youtube.com/watch?v=…" }),
        field("chu_thich", "Chú thích", { type: "text" }),
      ], "Chèn video");
      d.onsubmit = () => {
        const src = embedURL(d.form.elements.URL.value);
        if (!src) return d.fail("Chỉ nhúng được video YouTube hoặc Vimeo. Hãy dán địa chỉ trang video, ví dụ https://www.youtube.com/watch?v=… hoặc https://vimeo.com/…");
        const cap = normLineText(d.form.elements.chu_thich.value);
        const iframe = enode("iframe", [["src", src], ["width", "640"], ["height", "360"], ["title", cap || "Video"], ["allowfullscreen", ""],
          ["referrerpolicy", "strict-origin-when-cross-origin"]]);
        return () => {
          this.select(r);
          this.insertFigure(iframe, cap, "");
        };
      };
      d.open(this);
    }

    // insertFigure inserts the contract's figure markup for a picture or
    // an embed, with its caption and credit.
    insertFigure(media, caption, credit) {
      const cap = [];
      if (caption) cap.push(tnode(caption));
      if (credit) cap.push(enode("cite", [], [tnode(credit)]));
      const fig = enode("figure", [], [media]);
      if (cap.length) fig.kids.push(enode("figcaption", [], cap));
      this.record();
      this.insertBlocks([toDOM(fig)]);
      this.changed();
    }

    insertPicture(item) {
      const src = cleanURL(item.src, true);
      if (src === null) return false;
      const caption = normLineText(item.caption || ""), credit = normLineText(item.credit || "");
      const img = enode("img", [["src", src], ["alt", caption]]);
      for (const k of ["width", "height"]) {
        const v = dimension(String(item[k] || ""), 10000);
        if (v) img.attrs.push([k, v]);
      }
      img.attrs.push(["loading", "lazy"]);
      this.insertFigure(img, caption, credit);
      return true;
    }
  }

  // ---------------------------------------------------------------------
  // Dialogs.
  // ---------------------------------------------------------------------

  let dialogSeq = 0;

  function field(name, label, attrs, multiline) {
    const id = "ed-f" + ++dialogSeq;
    const input = multiline ? h("textarea", Object.assign({ id, name, rows: "4" }, attrs, { value: null })) : h("input", Object.assign({ id, name }, attrs));
    if (multiline && attrs.value) input.value = attrs.value;
    return h("div", { class: "ed-field" }, h("label", { for: id, text: label }), input);
  }

  // dialog builds a modal <dialog> with a form.
  function dialog(title, fields, submitLabel, extra) {
    const titleId = "ed-d" + ++dialogSeq;
    const err = h("p", { class: "ed-error", role: "alert", hidden: true });
    const buttons = h("div", { class: "ed-actions" },
      h("button", { type: "submit", class: "ed-primary", text: submitLabel }),
      extra ? h("button", { type: "button", class: "ed-danger", "data-extra": "1", text: extra[0] }) : null,
      h("button", { type: "button", "data-close": "1", text: "Huỷ" }));
    const form = h("form", { method: "dialog", novalidate: true }, h("h2", { id: titleId, text: title }), ...fields, err, buttons);
    const dlg = h("dialog", { class: "ed-dialog", "aria-labelledby": titleId }, form);
    const d = {
      el: dlg, form, onsubmit: null,
      fail(msg) {
        err.textContent = msg;
        err.hidden = false;
        return false;
      },
      open(ed) {
        document.body.append(dlg);
        dlg.addEventListener("close", () => {
          dlg.remove();
          ed.refocus();
        });
        dlg.showModal();
        const first = form.querySelector("input, textarea");
        if (first) first.focus();
      },
      close() { dlg.close(); },
    };
    // onsubmit validates and returns the change to make (or false): the
    // dialog closes first, since a modal dialog makes the editor inert and
    // editing commands do nothing there.
    const run = (act) => {
      if (!act) return;
      dlg.close();
      if (typeof act === "function") act();
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      err.hidden = true;
      if (d.onsubmit) run(d.onsubmit());
    });
    form.addEventListener("click", (e) => {
      if (e.target.closest("[data-close]")) dlg.close();
      else if (e.target.closest("[data-extra]")) run(extra[1]);
    });
    return d;
  }

  async function readJSON(res) {
    try {
      return await res.json();
    } catch (_) {
      return {};
    }
  }

  const csrfOf = (form) => (form.elements.csrf ? form.elements.csrf.value : "");

  // mediaPicker: search the library by caption and pick a picture, or upload
  // one with its caption and credit and insert it.
  function mediaPicker(ed, file) {
    const form = ed.form;
    const listURL = form && form.dataset.media, uploadURL = form && form.dataset.upload;
    const at = ed.restore().cloneRange();
    // Close first (a modal dialog makes the editor inert), then insert
    // where the caret was.
    const insert = (item, failMsg) => {
      dlg.close();
      ed.select(at);
      if (!ed.insertPicture(item)) ed.tell(failMsg);
    };
    const titleId = "ed-d" + ++dialogSeq;
    const search = h("input", { type: "search", id: titleId + "-q", placeholder: "Tìm theo chú thích…", autocomplete: "off" });
    const grid = h("ul", { class: "ed-grid", "aria-label": "Ảnh trong thư viện" });
    const status = h("p", { class: "ed-muted", role: "status" });
    const upErr = h("p", { class: "ed-error", role: "alert", hidden: true });
    // The file input's own button speaks the browser's language: a label
    // in Vietnamese stands in for it.
    const fileId = titleId + "-tep";
    const fileName = h("span", { class: "ed-file-name", text: "Chưa chọn tệp nào." });
    const fileInput = h("input", { type: "file", id: fileId, name: "tep", class: "ed-file-input", accept: "image/jpeg,image/png,image/webp,image/gif" });
    fileInput.addEventListener("change", () => {
      fileName.textContent = fileInput.files[0] ? fileInput.files[0].name : "Chưa chọn tệp nào.";
    });
    const upForm = h("form", { class: "ed-upload", novalidate: true },
      h("h3", { text: "Tải ảnh mới lên" }),
      h("div", { class: "ed-field" }, h("span", { class: "ed-label", text: "Tệp ảnh (JPEG, PNG, WebP, GIF)" }),
        h("div", { class: "ed-file" }, fileInput, h("label", { for: fileId, class: "ed-file-button", text: "Chọn tệp ảnh…" }), fileName)),
      field("chu_thich", "Chú thích", { type: "text" }),
      field("nguon", "Nguồn ảnh", { type: "text", placeholder: "Ví dụ: Ảnh: Thu Thảo" }),
      upErr,
      h("div", { class: "ed-actions" }, h("button", { type: "submit", class: "ed-primary", text: "Tải lên và chèn" })));
    const dlg = h("dialog", { class: "ed-dialog ed-media", "aria-labelledby": titleId },
      h("div", { class: "ed-media-head" }, h("h2", { id: titleId, text: "Chọn ảnh" }),
        h("button", { type: "button", class: "ed-close", "data-close": "1", "aria-label": "Đóng", text: "Đóng" })),
      h("div", { class: "ed-field" }, h("label", { for: search.id, text: "Tìm trong thư viện ảnh" }), search),
      status, grid, upForm);
    let seq = 0, timer = 0;
    const load = async () => {
      if (!listURL) {
        status.textContent = "Trang này chưa nối với thư viện ảnh.";
        return;
      }
      const mine = ++seq;
      status.textContent = "Đang tìm…";
      try {
        const q = search.value.trim();
        const res = await fetch(listURL + (listURL.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" });
        const data = await readJSON(res);
        if (mine !== seq) return;
        if (!res.ok) {
          status.textContent = data.message || "Không mở được thư viện ảnh (lỗi " + res.status + ").";
          return;
        }
        const items = (data.items || []).slice(0, 40);
        grid.replaceChildren(...items.map((it) => {
          const img = h("img", { src: it.src, alt: "", loading: "lazy", width: it.width || null, height: it.height || null });
          if (it.srcset) {
            img.srcset = it.srcset;
            img.sizes = "180px";
          }
          const btn = h("button", { type: "button", class: "ed-pick", "aria-label": "Chèn ảnh: " + (it.caption || "không có chú thích") },
            img, h("span", { class: "ed-pick-cap", text: it.caption || "(không có chú thích)" }));
          btn.addEventListener("click", () => {
            insert(it, "Ảnh này không chèn được vào bài.");
          });
          return h("li", null, btn);
        }));
        status.textContent = items.length ? "" : q ? "Không có ảnh nào có chú thích khớp “" + q + "”." : "Thư viện chưa có ảnh nào.";
      } catch (_) {
        if (mine === seq) status.textContent = "Mất kết nối: không mở được thư viện ảnh.";
      }
    };
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    search.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(timer);
        load();
      }
    });
    upForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      upErr.hidden = true;
      const fail = (msg) => {
        upErr.textContent = msg;
        upErr.hidden = false;
      };
      const file = upForm.elements.tep.files[0];
      if (!file) return fail("Hãy chọn một tệp ảnh.");
      if (!uploadURL) return fail("Trang này chưa nối với thư viện ảnh.");
      const btn = upForm.querySelector("button[type=submit]");
      btn.disabled = true;
      btn.textContent = "Đang tải lên…";
      try {
        const fd = new FormData();
        fd.append("tep", file);
        fd.append("chu_thich", upForm.elements.chu_thich.value);
        fd.append("nguon", upForm.elements.nguon.value);
        const res = await fetch(uploadURL, { method: "POST", body: fd, credentials: "same-origin", headers: { "X-CSRF-Token": csrfOf(form), Accept: "application/json" } });
        const data = await readJSON(res);
        if (!res.ok || !data.item) return fail(data.message || "Không tải được ảnh lên (lỗi " + res.status + ").");
        insert(data.item, "Ảnh đã vào thư viện nhưng không chèn được vào bài.");
      } catch (_) {
        fail("Mất kết nối: chưa tải được ảnh lên.");
      } finally {
        btn.disabled = false;
        btn.textContent = "Tải lên và chèn";
      }
    });
    dlg.addEventListener("click", (e) => {
      if (e.target.closest("[data-close]")) dlg.close();
    });
    dlg.addEventListener("close", () => {
      dlg.remove();
      ed.refocus();
    });
    document.body.append(dlg);
    dlg.showModal();
    if (file) {
      // A pasted or dropped picture: ready to upload once it has a caption.
      const dt = new DataTransfer();
      dt.items.add(file);
      fileInput.files = dt.files;
      fileInput.dispatchEvent(new Event("change"));
      upForm.elements.chu_thich.focus();
    } else search.focus();
    load();
  }

  // ---------------------------------------------------------------------
  // Autosave and the editing lease (the editor contract).
  // ---------------------------------------------------------------------

  function session(form, editors) {
    const status = form.querySelector("[data-editor-status]");
    const leaseStatus = form.querySelector("[data-lease-status]");
    // The intervals are the contract's (10 s, 30 s); a page may ask for
    // others with data-autosave-every / data-lease-every, in seconds.
    const every = (v, d) => (parseFloat(v) > 0 ? parseFloat(v) * 1000 : d);
    const saveEvery = every(form.dataset.autosaveEvery, 10000);
    const leaseEvery = every(form.dataset.leaseEvery, 30000);
    const st = { seq: 0, saved: 0, inflight: false, stopped: false, submitting: false, timer: 0, last: 0, resubmit: null };
    const headers = () => ({ "X-CSRF-Token": csrfOf(form), Accept: "application/json" });
    const show = (el, msg, kind) => {
      if (!el) return;
      el.textContent = msg;
      el.classList.remove("ed-ok", "ed-bad", "ed-busy");
      if (kind) el.classList.add("ed-" + kind);
    };
    const syncAll = () => editors.forEach((ed) => ed.sync());

    const schedule = () => {
      if (!form.dataset.autosave || st.stopped || st.submitting || st.timer || st.inflight || st.seq === st.saved) return;
      st.timer = setTimeout(() => save(false), Math.max(1000, st.last + saveEvery - Date.now()));
    };

    async function save(leaving) {
      clearTimeout(st.timer);
      st.timer = 0;
      if (!form.dataset.autosave || st.stopped || st.inflight || st.seq === st.saved) return;
      syncAll();
      const seq = st.seq;
      st.inflight = true;
      st.last = Date.now();
      show(status, "Đang tự lưu…", "busy");
      const body = new FormData(form);
      // A page being hidden may be on its way out: keepalive lets the
      // request finish, but only for bodies under 64 KiB.
      const enc = new TextEncoder();
      let size = 0;
      for (const v of body.values()) size += typeof v === "string" ? enc.encode(v).length : v.size;
      try {
        const res = await fetch(form.dataset.autosave, { method: "POST", body, headers: headers(), credentials: "same-origin", keepalive: leaving && size < 60000 });
        const data = await readJSON(res);
        if (res.ok && data.version == null) {
          // Not the autosave's answer (a login page, a proxy's page): the
          // text was not saved, whatever the status says.
          show(status, "Chưa tự lưu được (máy chủ trả lời không đúng). Sẽ thử lại sau.", "bad");
        } else if (res.ok) {
          if (form.elements.phien_ban) form.elements.phien_ban.value = String(data.version);
          st.saved = seq;
          show(status, data.message || "Đã tự lưu lúc " + (data.saved || clock()), "ok");
        } else if (res.status === 409) {
          // Someone saved a newer version: never overwrite it.
          st.stopped = true;
          show(status, data.message || "Bài đã có phiên bản mới hơn do người khác lưu. Bản của bạn chưa được tự lưu; hãy chép lại phần sửa của mình trước khi tải lại trang.", "bad");
        } else {
          show(status, (data.message || "Chưa tự lưu được (lỗi " + res.status + ").") + " Sẽ thử lại sau.", "bad");
        }
      } catch (_) {
        show(status, "Mất kết nối: chưa tự lưu được. Sẽ thử lại sau.", "bad");
      } finally {
        st.inflight = false;
        if (st.resubmit) {
          const s = st.resubmit;
          st.resubmit = null;
          st.submitting = true;
          form.requestSubmit(s instanceof HTMLElement ? s : undefined);
        } else schedule();
      }
    }

    form.addEventListener("input", () => {
      st.seq++;
      schedule();
    });
    form.addEventListener("change", () => {
      st.seq++;
      schedule();
    });
    form.addEventListener("submit", (e) => {
      syncAll();
      if (st.inflight) {
        // Wait for the autosave in flight: its new version number must go
        // with this save, or the server would see it as a conflict.
        e.preventDefault();
        st.resubmit = e.submitter || true;
        show(status, "Đang chờ lần tự lưu xong…", "busy");
        return;
      }
      clearTimeout(st.timer);
      st.timer = 0;
      st.submitting = true;
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !st.submitting) save(true);
    });
    // Leaving with changes not yet saved (or that autosave may no longer
    // save, after a conflict) asks first.
    window.addEventListener("beforeunload", (e) => {
      if (st.seq !== st.saved && !st.submitting) {
        e.preventDefault();
        e.returnValue = "";
      }
    });

    if (form.dataset.lease) {
      const renew = async () => {
        try {
          const fd = new FormData();
          fd.set("csrf", csrfOf(form));
          const res = await fetch(form.dataset.lease, { method: "POST", body: fd, headers: headers(), credentials: "same-origin" });
          const data = await readJSON(res);
          show(leaseStatus, data.message || (res.ok ? "" : "Không gia hạn được quyền sửa bài (lỗi " + res.status + ")."), res.ok && data.mine !== false ? "ok" : "bad");
        } catch (_) {
          show(leaseStatus, "Mất kết nối: chưa gia hạn được quyền sửa bài.", "bad");
        }
      };
      renew();
      setInterval(renew, leaseEvery);
      window.addEventListener("pageshow", (e) => {
        if (e.persisted) renew();
      });
    }
    if (form.dataset.release) {
      window.addEventListener("pagehide", () => {
        const fd = new FormData();
        fd.set("csrf", csrfOf(form));
        navigator.sendBeacon(form.dataset.release, fd);
      });
    }
  }

  // ---------------------------------------------------------------------

  function start() {
    const byForm = new Map();
    for (const ta of document.querySelectorAll("textarea[data-editor]")) {
      let ed = null;
      try {
        ed = new Editor(ta);
      } catch (err) {
        // The plain textarea keeps working.
        ta.hidden = false;
        document.querySelectorAll(".ed").forEach((w) => { if (w.previousElementSibling === ta) w.remove(); });
        if (window.console) console.error("editor:", err);
        continue;
      }
      if (ta.form) {
        if (!byForm.has(ta.form)) byForm.set(ta.form, []);
        byForm.get(ta.form).push(ed);
      }
    }
    for (const [form, eds] of byForm) session(form, eds);
    for (const input of document.querySelectorAll("input[data-featured-picker]")) {
      try {
        featuredPicker(input);
      } catch (err) {
        if (window.console) console.error("featured picture:", err);
      }
    }
  }

  // featuredPicker adds "choose from the library" to the featured picture
  // field: the same picker as the body's, whose choice fills in the
  // picture's id (and its caption, when that is still empty) instead of
  // inserting a figure. The id field itself keeps working without it.
  function featuredPicker(input) {
    const form = input.form;
    if (!form || !form.dataset.media) return;
    const caption = form.elements.namedItem(input.dataset.featuredPicker);
    const preview = h("img", { class: "ed-featured-preview", alt: "", hidden: true });
    const button = h("button", { type: "button", class: "ed-file-button ed-featured-button", text: "Chọn từ thư viện…" });
    const note = h("span", { class: "ed-muted", role: "status" });
    input.after(h("div", { class: "ed-featured" }, button, preview, note));
    // The preview and the note speak of the picture chosen here: once
    // someone types another id they are no longer true.
    let chosen = null;
    input.addEventListener("input", () => {
      if (input.value === chosen) return;
      chosen = null;
      preview.hidden = true;
      preview.removeAttribute("src");
      note.textContent = "";
    });
    const target = {
      form,
      restore: () => document.createRange(),
      select: () => {},
      insertPicture: (item) => {
        input.value = chosen = String(item.id);
        // A library caption may be longer than the field takes (its
        // maxlength is the server's limit): a script-set value would pass
        // it and every save would be refused.
        const max = caption && caption.maxLength > 0 ? caption.maxLength : Infinity;
        if (caption && !caption.value.trim() && item.caption && item.caption.length <= max) caption.value = item.caption;
        preview.src = item.thumb || item.src;
        preview.hidden = false;
        note.textContent = "Đã chọn ảnh số " + item.id + (item.caption ? ": " + item.caption : "") + ".";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        return true;
      },
      tell: (msg) => { note.textContent = msg; },
      refocus: () => button.focus(),
    };
    button.addEventListener("click", () => mediaPicker(target));
  }

  // Exposed for tests and the browser console: the serializer alone.
  window.toasoanEditor = { canonicalHTML: (html) => renderBlocks(canonical(parseHTML(html))), embedURL, linkHref };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
