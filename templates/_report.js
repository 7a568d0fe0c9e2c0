/* Paging, filtering and permalinks for the report. Recorded text is never turned into
   markup here: rows are moved between the page and inert <template>s, never rebuilt. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const LIMIT = 200; // matches shown at once while filtering
  const lists = {};

  document.querySelectorAll(".paged[data-list]").forEach(function (live) {
    const name = live.dataset.list;
    const items = [];
    const take = function (el, page) {
      items.push({ el: el, page: page, verdict: el.dataset.verdict || "",
        outlets: (el.dataset.outlets || "").split("\n"),
        text: el.dataset.search || el.textContent.toLowerCase() });
    };
    Array.from(live.children).forEach(function (el) { take(el, 1); });
    document.querySelectorAll('template[data-list="' + name + '"]').forEach(function (t) {
      Array.from(t.content.children).forEach(function (el) { take(el, Number(t.dataset.page)); });
    });
    const pages = items.reduce(function (n, it) { return Math.max(n, it.page); }, 1);
    lists[name] = { live: live, items: items, pages: pages, page: 1, parked: document.createDocumentFragment(),
      pager: document.querySelector('.pager[data-list="' + name + '"]') };
    buildPager(lists[name]);
  });

  function show(list, wanted) {
    Array.from(list.live.children).forEach(function (el) { list.parked.appendChild(el); });
    wanted.forEach(function (it) { list.live.appendChild(it.el); });
  }

  function buildPager(list) {
    if (!list.pager || list.pages < 2) return;
    list.pager.hidden = false;
    const prev = button("Previous page");
    const next = button("Next page");
    const where = document.createElement("span");
    where.setAttribute("aria-live", "polite");
    list.pager.append(prev, where, next);
    list.turn = function (page) {
      list.page = Math.min(Math.max(page, 1), list.pages);
      show(list, list.items.filter(function (it) { return it.page === list.page; }));
      where.textContent = "Page " + list.page + " of " + list.pages;
      prev.disabled = list.page === 1;
      next.disabled = list.page === list.pages;
    };
    prev.addEventListener("click", function () { list.turn(list.page - 1); });
    next.addEventListener("click", function () { list.turn(list.page + 1); });
    list.turn(1);
  }

  function button(label) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    return b;
  }

  // Filters: verdict, outlet and free text over every proposition, on every page.
  const form = document.getElementById("filters");
  const props = lists.propositions;
  if (form && props) {
    form.hidden = false;
    const verdict = document.getElementById("filter-verdict");
    const outlet = document.getElementById("filter-outlet");
    const text = document.getElementById("filter-text");
    const count = document.getElementById("filter-count");
    const apply = function () {
      const v = verdict.value, o = outlet.value;
      const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (!v && !o && !words.length) {
        count.textContent = "";
        if (props.pager) props.pager.hidden = props.pages < 2;
        if (props.turn) props.turn(props.page); else show(props, props.items);
        return;
      }
      const hits = props.items.filter(function (it) {
        return (!v || it.verdict === v) && (!o || it.outlets.indexOf(o) >= 0) &&
          words.every(function (w) { return it.text.indexOf(w) >= 0; });
      });
      if (props.pager) props.pager.hidden = true;
      show(props, hits.slice(0, LIMIT));
      count.textContent = hits.length + (hits.length === 1 ? " proposition" : " propositions") +
        (hits.length > LIMIT ? " (first " + LIMIT + " shown)" : "");
    };
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  // Permalinks into a page not shown yet: find the page holding the target, show it.
  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    Object.keys(lists).forEach(function (name) {
      const list = lists[name];
      const hit = list.items.find(function (it) { return it.el.id === id || it.el.querySelector("#" + CSS.escape(id)); });
      if (!hit) return;
      if (form && name === "propositions") { form.reset(); }
      if (list.turn) list.turn(hit.page);
      const target = document.getElementById(id);
      if (target) {
        const box = target.closest("details");
        if (box) box.open = true;
        target.scrollIntoView();
      }
    });
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  // Details open for printing, so the paper copy has everything the screen had.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  // A target inside a closed <details> opens it.
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.closest("details")) target.closest("details").open = true;
})();
