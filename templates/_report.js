/* Paging, filtering and permalinks for the report.

   Only the first page of each long list is HTML when the page loads. Every list also
   waits as compact JSON in <script type="application/json" class="report-page"> data
   blocks, parsed the first time a page, a search result or a permalink needs it, and
   drawn here with DOM methods: recorded text only ever becomes text (textContent and
   text nodes), never markup. What is drawn matches the first page's HTML (the macros in
   _partials.html and claims/graphs.py for the drawings).

   The data, written by claims/report/pagedata.py:
   #report-data   {pageSize, names: [[kind, name, node, id rank, lowercase rank,
                   name rank]], outlets: [the outlets' anchors, in the order of the
                   outlets table], hosts: [scheme://host], dates: [published],
                   words: [reasons; reason codes joined by spaces],
                   reasons: {code: words}, confidence: {n: name}, verdicts: {verdict: words}}.
                   "names" holds outlets (first, in the order of the outlets table),
                   sources and origins; "node" is the entry a drawing treats as the same.
   #proposition-index  per proposition, in order: [verdict, outlets (indexes into the
                   outlets table), search words besides outlet names, claim ids].
                   Proposition i (from 0) is "p-(i+1)", on page floor(i / pageSize) + 1.
   propositions pages  per proposition: [subject, predicate, verdict, multi-valued (0/1),
                   cycles, independent origins, outlets, values, claims without a value],
                   per value: [value, stance, as of | 0, outlets, independent origins,
                   derived credibility, its reason, claims, values compatible with it
                   but not confirming it | 0], per claim: [id, text, outlet,
                   published, headline | 0, link: [host, rest] | 0, sources, credibility,
                   conflicts: [how many, first ids...] | 0, origins, reason codes | 0 when
                   confirmed, article id]. Outlets, sources and origins are numbers in
                   names, hosts in hosts, published in dates, reasons and codes in words.
   unconfirmed pages   per claim: its id (its record is in the propositions' pages), or
                   [id, text, outlet, origins, reason codes] for a claim in no proposition.
   articles pages  per article, in the order listed (by date): [id, outlet, published,
                   headline | 0, link: [host, rest] | 0, byline | 0, retracted:
                   [date, note] | 0, claims: [[id, standing: 1 if contradicted + 2 if
                   unconfirmed]] for a claim in a proposition (its text is in the
                   proposition's record), [id, text (shortened), standing] for one in
                   none]; or [id, byline | 0, retracted | 0, claims] when its first
                   claim is in a proposition and has the article's outlet, published,
                   headline and link (they are read from that claim's record). The
                   first page is the HTML. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const LIMIT = 200; // matches shown at once while filtering
  const SVG = "http://www.w3.org/2000/svg";
  const lists = {};
  const built = {}; // proposition elements by place in the list, however reached
  let shared = null;

  function data() {
    if (!shared) {
      shared = JSON.parse(document.getElementById("report-data").textContent);
    }
    return shared;
  }

  document.querySelectorAll(".paged[data-list]").forEach(function (live) {
    const name = live.dataset.list;
    const blocks = {};
    let pages = 1;
    document.querySelectorAll('script.report-page[data-list="' + name + '"]')
      .forEach(function (block) {
        const page = Number(block.dataset.page);
        blocks[page] = block;
        pages = Math.max(pages, page);
      });
    const list = { name: name, live: live, blocks: blocks, records: {}, pages: pages, page: 1,
      loaded: { 1: Array.from(live.children) }, parked: document.createDocumentFragment(),
      pager: document.querySelector('.pager[data-list="' + name + '"]') };
    lists[name] = list;
    buildPager(list);
  });

  function records(list, page) {
    if (!list.records[page]) list.records[page] = JSON.parse(list.blocks[page].textContent);
    return list.records[page];
  }

  // The elements of one page, drawn from its data on first use.
  function pageItems(list, page) {
    if (!list.loaded[page]) {
      const size = data().pageSize;
      list.loaded[page] = list.name === "propositions"
        ? records(list, page).map(function (_, i) { return propositionAt((page - 1) * size + i); })
        : records(list, page).map(list.name === "articles" ? articleEntry : unconfirmedRow);
    }
    return list.loaded[page];
  }

  function show(list, elements) {
    Array.from(list.live.children).forEach(function (el) { list.parked.appendChild(el); });
    elements.forEach(function (el) { list.live.appendChild(el); });
  }

  function buildPager(list) {
    list.turn = function (page) {
      list.page = Math.min(Math.max(page, 1), list.pages);
      show(list, pageItems(list, list.page));
      if (list.where) {
        list.where.textContent = "Page " + list.page + " of " + list.pages;
        list.prev.disabled = list.page === 1;
        list.next.disabled = list.page === list.pages;
      }
    };
    if (!list.pager || list.pages < 2) return;
    list.pager.hidden = false;
    list.prev = button("Previous page");
    list.next = button("Next page");
    list.where = document.createElement("span");
    list.where.setAttribute("aria-live", "polite");
    list.pager.append(list.prev, list.where, list.next);
    list.prev.addEventListener("click", function () { list.turn(list.page - 1); });
    list.next.addEventListener("click", function () { list.turn(list.page + 1); });
    list.turn(1);
  }

  function button(label) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    return b;
  }

  // --- drawing: the same elements as the macros in _partials.html ------------------------

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function link(href, text) {
    const a = el("a", "", text);
    a.href = href;
    return a;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function nameOf(i) { return data().names[i][1]; }
  function kindOf(i) { return data().names[i][0]; }
  function outletNames(ids) { return ids.map(nameOf).join(", "); }

  function denied(parent, stance) {
    if (stance === "denies") parent.append(el("span", "tag tag-deny", "denied"), " ");
  }

  function asOf(parent, value) {
    if (value) parent.append(" ", el("span", "asof", "as of " + value));
  }

  function propositionAt(pos) {
    const size = data().pageSize;
    const page = Math.floor(pos / size) + 1;
    const props = lists.propositions;
    if (page === 1) return props.loaded[1][pos];
    if (!built[pos]) built[pos] = proposition(records(props, page)[pos % size], pos);
    return built[pos];
  }

  function proposition(r, pos) {
    const [subject, predicate, verdict, multi, cycles, origins, outlets, values, unvalued] = r;
    const anchor = "p-" + (pos + 1);
    const article = el("article", "proposition");
    article.id = anchor;
    const head = el("h3");
    const permalink = link("#" + anchor, "§");
    permalink.className = "permalink";
    permalink.setAttribute("aria-label", "Permalink");
    head.append(permalink, " " + subject + " ", el("span", "predicate", "· " + predicate), " ",
      el("span", "badge badge-" + verdict, data().verdicts[verdict]));
    const summary = el("p", "summary",
      plural(outlets.length, "outlet") + ", " + plural(origins, "independent origin"));
    if (multi) summary.append("; several values can hold at once");
    if (cycles.length) {
      summary.append("; ", el("span", "tag tag-warn", "citation cycle: " +
        cycles.map(function (c) { return c.join(" ↔ "); }).join("; ")));
    }
    summary.append(".");
    article.append(head, summary);
    if (verdict !== "timeline") {
      const list = el("ul", "value-summary");
      values.forEach(function (v) {
        const item = el("li");
        denied(item, v[1]);
        item.append(el("strong", "", v[0]));
        asOf(item, v[2]);
        item.append(": " + outletNames(v[3]) + " ", el("span", "muted", "(" + plural(v[4], "origin") + ")"));
        if (v[8]) item.append(" ", el("span", "tag", "compatible with " + v[8].join(", ") + ", not confirming"));
        list.append(item);
      });
      article.append(list);
    } else {
      const list = el("ol", "timeline-list");
      list.setAttribute("aria-label", "How the value changed");
      values.forEach(function (v) {
        const item = el("li");
        item.append(el("span", "asof", v[2] || "undated"), " " + v[0] + " ",
          el("span", "muted", "(" + outletNames(v[3]) + ")"));
        list.append(item);
      });
      article.append(list);
    }
    // What the details hold is drawn when they are first opened: most propositions
    // shown (a page, two hundred search results) are only ever read at a glance.
    const details = el("details");
    const summaryLine = el("summary", "", "Values, reports and provenance");
    details.append(summaryLine);
    unfilled.set(details, function () {
      const blocks = el("div", "values");
      values.forEach(function (v) { blocks.append(valueBlock(v)); });
      details.append(blocks);
      const claims = [];
      values.forEach(function (v) { claims.push.apply(claims, v[7]); });
      const graph = provenanceGraph(claims.concat(unvalued));
      if (graph) details.append(graphFigure(graph, subject + " · " + predicate));
    });
    summaryLine.addEventListener("click", function () { fill(details); });
    details.addEventListener("toggle", function () { fill(details); });
    article.append(details);
    return article;
  }

  const unfilled = new WeakMap(); // details element -> draws what it holds

  function fill(details) {
    const draw = unfilled.get(details);
    if (draw) {
      unfilled.delete(details);
      draw();
    }
  }

  // Everything in an element, drawn: for a permalink into it, or for printing.
  function fillAll(root) {
    root.querySelectorAll("details").forEach(fill);
  }

  function origin(i) {
    const anonymous = kindOf(i) === "anonymous";
    const span = el("span", "origin" + (anonymous ? " origin-anonymous" : ""),
      kindOf(i) + ": " + nameOf(i));
    if (anonymous) span.append(" ", el("span", "tag", "anonymous"));
    return span;
  }

  function valueBlock(v) {
    const [value, stance, as, outlets, independent, derived, reason, claims, compatible] = v;
    const block = el("div", "value value-" + stance);
    const head = el("h4", "value-head");
    denied(head, stance);
    head.append(value);
    asOf(head, as);
    const collapse = el("p", "collapse", plural(outlets.length, "outlet") + ", ");
    collapse.append(el("strong", "", plural(independent, "independent origin")));
    if (outlets.length > independent) collapse.append(" ", el("span", "tag tag-warn", "echoes"));
    let overlaps = null;
    if (compatible) {  // as the template's value block says it
      overlaps = el("p", "compatible");
      overlaps.append(el("span", "tag", "compatible"), " overlaps ");
      compatible.forEach(function (c, i) {
        overlaps.append(el("strong", "", c));
        if (i < compatible.length - 1) overlaps.append(", ");
      });
      overlaps.append(" without confirming it: no origins shared");
    }
    // One origin and the outlets whose claims trace back to it: the collapse, visible.
    const echoes = new Map();
    claims.forEach(function (c) {
      c[9].forEach(function (o) {
        const key = kindOf(o) + "\u0000" + nameOf(o);
        if (!echoes.has(key)) echoes.set(key, { origin: o, outlets: [] });
        const carried = echoes.get(key).outlets;
        if (carried.indexOf(nameOf(c[2])) < 0) carried.push(nameOf(c[2]));
      });
    });
    const echoList = el("ul", "echoes");
    echoes.forEach(function (e) {
      const arrow = el("span", "arrow", "←");
      arrow.setAttribute("aria-hidden", "true");
      const item = el("li");
      item.append(origin(e.origin), " ", arrow, el("span", "visually-hidden", "carried by"),
        " " + e.outlets.join(", "));
      echoList.append(item);
    });
    block.append(head, collapse);
    if (overlaps) block.append(overlaps);
    block.append(echoList);
    if (derived) {
      const p = el("p", "derived", "The evidence supports credibility ");
      p.append(el("strong", "", String(derived)),
        " (" + data().confidence[derived] + "): " + data().words[reason] + ".");
      block.append(p);
    }
    const list = el("ul", "claims");
    claims.forEach(function (c) { list.append(claimItem(c)); });
    block.append(list);
    return block;
  }

  function claimItem(c) {
    const [id, text, outlet, published, headline, url, sources, credibility, conflicts] = c;
    const item = el("li");
    item.id = "claim-" + id;
    const small = el("small", "", nameOf(outlet) + ", " + data().dates[published] + ", ");
    small.append(link("#article-" + c[11], headline ? "“" + headline + "”" : "article " + c[11]));
    if (url) small.append(", ", link(data().hosts[url[0]] + url[1], "source"));
    small.append(sources.length
      ? "; citing " + sources.map(function (s) { return kindOf(s) + ": " + nameOf(s); }).join("; ")
      : "; own reporting");
    small.append("; credibility " + credibility);
    if (conflicts) {
      small.append("; conflicts with ");
      conflicts.slice(1).forEach(function (other, i) {
        if (i) small.append(", ");
        small.append(link("#claim-" + other, "#" + other));
      });
      if (conflicts[0] > 5) small.append(" and " + (conflicts[0] - 5) + " more");
    }
    if (c[10]) small.append("; ", el("span", "tag tag-warn", "unconfirmed"));
    item.append(link("#claim-" + id, "#" + id), " " + text + " ", small);
    return item;
  }

  // Jinja's truncate(140): cut at a word, "..." after, unless within 5 of the limit.
  function truncate(text) {
    const chars = Array.from(text);
    if (chars.length <= 145) return text;
    const cut = chars.slice(0, 137).join("");
    const space = cut.lastIndexOf(" ");
    return (space >= 0 ? cut.slice(0, space) : cut) + "...";
  }

  function unconfirmedRow(row) {
    let id, text, outlet, origins, reasons;
    if (typeof row === "number") {
      const c = claimRecord(row);
      [id, text, outlet, origins, reasons] = [c[0], c[1], c[2], c[9], c[10]];
    } else {
      [id, text, outlet, origins, reasons] = row;
    }
    const claim = el("td");
    claim.append(link("#claim-" + id, "#" + id), " " + truncate(text));
    const why = el("td");
    data().words[reasons].split(" ").filter(Boolean).forEach(function (code, i) {
      if (i) why.append("; ");
      why.append(el("b", "", code), ": " + data().reasons[code]);
    });
    const tr = el("tr");
    if (typeof row !== "number") tr.id = "claim-" + id; // in no proposition: its permalink
    tr.append(claim, el("td", "", nameOf(outlet)), el("td", "", origins.map(nameOf).join("; ")), why);
    return tr;
  }

  // How a claim stands, as claims.report.text.standing words it.
  function standing(code) {
    const words = [];
    if (code & 1) words.push("contradicted");
    if (code & 2) words.push("unconfirmed");
    return words.length ? words : ["corroborated"];
  }

  function articleEntry(r) {
    // Outlet, date, headline and link given, or those of its first claim's record.
    const own = r.length === 4 ? claimRecord(r[3][0][0]).slice(2, 6) : r.slice(1, 5);
    const [outlet, published, headline, url] = own;
    const [id, byline, retracted, claims] = r.length === 4 ? r : [r[0], r[5], r[6], r[7]];
    const anchor = "article-" + id;
    const article = el("article", "article-entry");
    article.id = anchor;
    const head = el("h3");
    const permalink = link("#" + anchor, "§");
    permalink.className = "permalink";
    permalink.setAttribute("aria-label", "Permalink");
    const title = headline || "Article " + id;
    head.append(permalink, " ", url ? link(data().hosts[url[0]] + url[1], title) : title);
    const summary = el("p", "summary");
    summary.append(link("#" + data().outlets[outlet], nameOf(outlet)),
      ", " + data().dates[published]);
    if (byline) summary.append(", by " + byline);
    if (!headline) summary.append(" ", el("span", "muted", "(no headline recorded)"));
    if (retracted) {
      summary.append("; ", el("span", "tag tag-warn", "retracted " + retracted[0]));
      if (retracted[1]) summary.append(" " + retracted[1]);
    }
    const list = el("ul", "claims");
    claims.forEach(function (c) {
      // [id, standing] for a claim in a proposition (its text is in that record), or
      // [id, text (shortened), standing] for a claim in none.
      const text = c.length === 3 ? c[1] : truncate(claimRecord(c[0])[1]);
      const item = el("li");
      item.append(link("#claim-" + c[0], "#" + c[0]), " " + text + " ");
      standing(c[c.length - 1]).forEach(function (word, i) {
        if (i) item.append(" ");
        item.append(el("span", "tag tag-" + word, word));
      });
      list.append(item);
    });
    article.append(head, summary, list);
    return article;
  }

  // A claim's record, from the page of the proposition it belongs to.
  let claimPlace = null;
  function claimRecord(id) {
    if (!claimPlace) {
      claimPlace = new Map();
      index.forEach(function (e, pos) {
        e[3].forEach(function (claim) { claimPlace.set(claim, pos); });
      });
    }
    const pos = claimPlace.get(id);
    const size = data().pageSize;
    const r = records(lists.propositions, Math.floor(pos / size) + 1)[pos % size];
    for (const v of r[7]) {
      for (const c of v[7]) if (c[0] === id) return c;
    }
    return null;
  }

  // --- the provenance graph: claims.graphs.provenance_graph, drawn here -----------------

  const NODE_W = 190, NODE_H = 30, COL_GAP = 70, ROW_GAP = 14, PAD = 8, LANE = 18;
  const MAX_NODES = 25;

  function provenanceGraph(claims) {
    const names = data().names;
    const node = function (i) { return names[i][2]; };
    const idRank = function (n) { return names[n][3]; };
    const nodes = new Map(); // node -> the entry it is shown as (first met here)
    const edges = new Map();
    const origins = new Set();
    const outletClaims = new Set(claims.map(function (c) { return node(c[2]); }));
    claims.forEach(function (c) {
      const here = node(c[2]);
      nodes.set(here, c[2]);
      c[9].forEach(function (o) {
        if (kindOf(o) === "circular") return; // a loop citing only itself: the loop is drawn
        const n = node(o);
        if (!nodes.has(n)) nodes.set(n, o);
        origins.add(n);
      });
      if (!c[6].length) origins.add(here);
      c[6].forEach(function (s) {
        const there = node(s);
        if (!nodes.has(there)) nodes.set(there, s);
        edges.set(here + "," + there, [here, there]);
        if (kindOf(s) === "outlet" && !outletClaims.has(there)) origins.add(there);
      });
    });
    if (nodes.size > MAX_NODES || (claims.length < 2 && !edges.size)) return null;
    const byId = function (a, b) { return idRank(a) - idRank(b); };
    // Longest citation path to an origin; origins are 0. Cycles are cut where met.
    const out = new Map();
    edges.forEach(function (e) {
      if (!out.has(e[0])) out.set(e[0], []);
      out.get(e[0]).push(e[1]);
    });
    const layer = new Map();
    const visit = function (n, path) {
      if (layer.has(n)) return layer.get(n);
      let deepest = -1;
      (out.get(n) || []).forEach(function (child) {
        if (path.has(child)) return;
        const further = new Set(path);
        further.add(n);
        deepest = Math.max(deepest, visit(child, further));
      });
      layer.set(n, deepest + 1);
      return deepest + 1;
    };
    Array.from(nodes.keys()).sort(byId).forEach(function (n) { visit(n, new Set()); });
    const depth = Math.max.apply(null, Array.from(layer.values()).concat([0]));
    const shownAs = function (n) { return names[nodes.get(n)]; };
    const columns = new Map();
    Array.from(nodes.keys()).sort(function (a, b) {
      const ea = shownAs(a), eb = shownAs(b);
      return ((ea[0] !== "outlet") - (eb[0] !== "outlet")) || (ea[4] - eb[4]);
    }).forEach(function (n) {
      const col = depth - layer.get(n);
      if (!columns.has(col)) columns.set(col, []);
      columns.get(col).push(n);
    });
    const place = new Map();
    let rows = 0;
    columns.forEach(function (members, col) {
      rows = Math.max(rows, members.length);
      members.forEach(function (n, row) {
        place.set(n, [PAD + col * (NODE_W + COL_GAP), LANE + PAD + row * (NODE_H + ROW_GAP)]);
      });
    });
    const sortedEdges = Array.from(edges.values()).sort(function (a, b) {
      return byId(a[0], b[0]) || byId(a[1], b[1]);
    });
    const cites = sortedEdges.map(function (e) {
      return shownAs(e[0])[1] + " cites " + shownAs(e[1])[1];
    }).join("; ");
    const ends = Array.from(origins).filter(function (n) { return nodes.has(n); })
      .map(shownAs).sort(function (a, b) { return a[5] - b[5]; })
      .map(function (e) { return e[1]; }).join(", ");
    return {
      width: 2 * PAD + (depth + 1) * NODE_W + depth * COL_GAP,
      height: LANE + 2 * PAD + rows * NODE_H + (rows - 1) * ROW_GAP,
      nodes: Array.from(place, function (entry) {
        const e = shownAs(entry[0]);
        return { x: entry[1][0], y: entry[1][1], label: shorten(e[1], 26),
          title: e[0] + ": " + e[1], kind: e[0], origin: origins.has(entry[0]) };
      }),
      edges: sortedEdges.map(function (e) { return path(place.get(e[0]), place.get(e[1])); }),
      description: (cites || "No citations") + ". Origins: " + (ends || "none") + "."
    };
  }

  function path(a, b) {
    const [ax, ay] = a, [bx, by] = b;
    const y1 = ay + NODE_H / 2, y2 = by + NODE_H / 2;
    if (bx > ax) { // forward: right edge to left edge
      const x1 = ax + NODE_W, x2 = bx;
      if (bx - ax > NODE_W + COL_GAP) { // skips a column: arc over it through the lane
        return "M" + x1 + "," + y1 + "C" + (x1 + COL_GAP) + ",0 " + (x2 - COL_GAP) + ",0 " + x2 + "," + y2;
      }
      const mid = (x1 + x2) / 2;
      return "M" + x1 + "," + y1 + "C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2;
    }
    // Same column or backwards (a cycle): loop out to the right and come back.
    const x1 = ax + NODE_W, x2 = bx + NODE_W;
    const bulge = Math.max(x1, x2) + COL_GAP / 2;
    return "M" + x1 + "," + y1 + "C" + bulge + "," + y1 + " " + bulge + "," + y2 + " " + x2 + "," + y2;
  }

  function shorten(text, width) {
    const chars = Array.from(text);
    return chars.length <= width ? text : chars.slice(0, width - 1).join("") + "…";
  }

  function svg(tag, attributes, text) {
    const e = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function graphFigure(g, label) {
    const figure = el("figure", "graph");
    const drawing = svg("svg", { viewBox: "0 0 " + g.width + " " + g.height, width: g.width,
      height: g.height, role: "img", "aria-label": "Provenance graph: " + label });
    drawing.append(svg("title", {}, g.description));
    g.edges.forEach(function (d) { drawing.append(svg("path", { class: "edge", d: d })); });
    g.nodes.forEach(function (n) {
      const group = svg("g", { class: "node-" + n.kind + (n.origin ? " origin" : "") });
      group.append(svg("title", {}, n.title),
        svg("rect", { x: n.x, y: n.y, width: NODE_W, height: NODE_H, rx: 4 }),
        svg("text", { x: n.x + 8, y: n.y + 19 }, n.label));
      drawing.append(group);
    });
    figure.append(drawing, el("figcaption", "", g.description));
    return figure;
  }

  // --- filters and permalinks, from the index ---------------------------------------------

  // As report.search_fold folds the index: lower case, accents off.
  function fold(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  const indexBlock = document.getElementById("proposition-index");
  const index = indexBlock ? JSON.parse(indexBlock.textContent) : [];
  const props = lists.propositions;
  let outletWords = null;

  const form = document.getElementById("filters");
  if (form && props) {
    form.hidden = false;
    const verdict = document.getElementById("filter-verdict");
    const outlet = document.getElementById("filter-outlet");
    const text = document.getElementById("filter-text");
    const count = document.getElementById("filter-count");
    const apply = function () {
      const v = verdict.value;
      const o = outlet.value === "" ? -1 : Number(outlet.value);
      const words = fold(text.value).split(/\s+/).filter(Boolean);
      if (!v && o < 0 && !words.length) {
        count.textContent = "";
        if (props.pager) props.pager.hidden = props.pages < 2;
        props.turn(props.page);
        return;
      }
      if (words.length && !outletWords) {
        outletWords = Array.from(outlet.options).slice(1).map(function (option) {
          return fold(option.textContent).split(/\s+/).filter(Boolean).join(" ");
        });
      }
      const hits = [];
      index.forEach(function (e, pos) {
        if ((!v || e[0] === v) && (o < 0 || e[1].indexOf(o) >= 0) &&
          words.every(function (w) {
            return e[2].indexOf(w) >= 0 ||
              e[1].some(function (i) { return outletWords[i].indexOf(w) >= 0; });
          })) hits.push(pos);
      });
      if (props.pager) props.pager.hidden = true;
      show(props, hits.slice(0, LIMIT).map(propositionAt));
      count.textContent = hits.length + (hits.length === 1 ? " proposition" : " propositions") +
        (hits.length > LIMIT ? " (first " + LIMIT + " shown)" : "");
    };
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  // Permalinks into a page not shown yet: find its page in the index, show it, go there.
  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    let target = document.getElementById(id);
    const claim = /^claim-(\d+)$/.exec(id);
    if (!target && props) {
      const proposition = /^p-(\d+)$/.exec(id);
      let pos = proposition ? Number(proposition[1]) - 1 : -1;
      if (claim) {
        pos = index.findIndex(function (e) { return e[3].indexOf(Number(claim[1])) >= 0; });
      }
      if (pos >= 0 && pos < index.length) {
        if (form) form.reset();
        if (props.pager) props.pager.hidden = props.pages < 2;
        props.turn(Math.floor(pos / data().pageSize) + 1);
        fillAll(propositionAt(pos));
        target = document.getElementById(id);
      }
    }
    if (!target && claim && lists.unconfirmed) {
      // A claim in no proposition: its row, on whichever page of unconfirmed claims.
      const list = lists.unconfirmed;
      for (let page = 1; page <= list.pages && !target; page++) {
        if (pageItems(list, page).some(function (row) { return row.id === id; })) {
          list.turn(page);
          target = document.getElementById(id);
        }
      }
    }
    const article = /^article-(\d+)$/.exec(id);
    if (!target && article && lists.articles) {
      // Listed by date, not by id: look through the pages' data, parsed but not drawn.
      const list = lists.articles;
      const wanted = Number(article[1]);
      for (let page = 1; page <= list.pages && !target; page++) {
        const here = page === 1
          ? list.loaded[1].some(function (e) { return e.id === id; })
          : records(list, page).some(function (r) { return r[0] === wanted; });
        if (here) {
          list.turn(page);
          target = document.getElementById(id);
        }
      }
    }
    if (target) {
      const box = target.closest("details");
      if (box) box.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  // Details open for printing, so the paper copy has everything the screen had.
  window.addEventListener("beforeprint", function () {
    fillAll(document);
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
