/* Paging, filtering and permalinks for the report.

   Only the first page of each long list is in the DOM when the page loads; the others
   wait as text in <script type="text/x-report-page"> data blocks and are parsed into an
   inert <template> the first time they are needed. That text is the escaped markup the
   server wrote for the first page too: recorded text is never turned into markup here.
   Filters and permalinks use the small JSON index, not the pages themselves. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const LIMIT = 200; // matches shown at once while filtering
  const lists = {};
  const single = {}; // propositions parsed on their own, by anchor

  document.querySelectorAll(".paged[data-list]").forEach(function (live) {
    const name = live.dataset.list;
    const blocks = {};
    let pages = 1;
    document.querySelectorAll('script[type="text/x-report-page"][data-list="' + name + '"]')
      .forEach(function (block) {
        const page = Number(block.dataset.page);
        blocks[page] = block;
        pages = Math.max(pages, page);
      });
    const list = { name: name, live: live, blocks: blocks, pages: pages, page: 1,
      loaded: { 1: Array.from(live.children) }, parked: document.createDocumentFragment(),
      pager: document.querySelector('.pager[data-list="' + name + '"]') };
    lists[name] = list;
    buildPager(list);
  });

  // The elements of one page, parsed from its data block on first use.
  function pageItems(list, page) {
    if (!list.loaded[page]) {
      const holder = document.createElement("template");
      const inTable = list.live.tagName === "TBODY";
      holder.innerHTML = inTable ? "<table><tbody>" + list.blocks[page].textContent + "</tbody></table>"
        : list.blocks[page].textContent;
      const root = inTable ? holder.content.querySelector("tbody") : holder.content;
      list.loaded[page] = Array.from(root.children).map(function (el) {
        return (el.id && single[el.id]) || el; // one element per proposition, however reached
      });
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

  // [anchor, page, verdict, outlet indexes, search words, claim ids] per proposition.
  const indexBlock = document.getElementById("proposition-index");
  const index = indexBlock ? JSON.parse(indexBlock.textContent) : [];
  const props = lists.propositions;

  // One proposition from a page not parsed yet: cut its <article> out of the page's
  // text (our own markup: articles do not nest) and parse only that.
  function propositionElement(entry) {
    const page = entry[1];
    if (props.loaded[page]) {
      return props.loaded[page].find(function (el) { return el.id === entry[0]; });
    }
    if (!single[entry[0]]) {
      const text = props.blocks[page].textContent;
      const start = text.indexOf('<article class="proposition" id="' + entry[0] + '">');
      const end = text.indexOf("</article>", start) + "</article>".length;
      const holder = document.createElement("template");
      holder.innerHTML = text.slice(start, end);
      single[entry[0]] = holder.content.firstElementChild;
    }
    return single[entry[0]];
  }

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
      const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (!v && o < 0 && !words.length) {
        count.textContent = "";
        if (props.pager) props.pager.hidden = props.pages < 2;
        props.turn(props.page);
        return;
      }
      const hits = index.filter(function (e) {
        return (!v || e[2] === v) && (o < 0 || e[3].indexOf(o) >= 0) &&
          words.every(function (w) { return e[4].indexOf(w) >= 0; });
      });
      if (props.pager) props.pager.hidden = true;
      show(props, hits.slice(0, LIMIT).map(propositionElement));
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
    if (!target && props) {
      const claim = /^claim-(\d+)$/.exec(id);
      const entry = index.find(function (e) {
        return e[0] === id || (claim && e[5].indexOf(Number(claim[1])) >= 0);
      });
      if (entry) {
        if (form) form.reset();
        if (props.pager) props.pager.hidden = props.pages < 2;
        props.turn(entry[1]);
        target = document.getElementById(id);
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
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
