// map.js: zoom, pan and clustering for the incident map the server draws
// (web/map.go) inside <figure id="incident-map">. Without this module the
// map is whole and every marker a link; with it the reader can zoom (buttons,
// Ctrl+wheel, pinch, keys + and -), pan (drag, arrow keys), and markers closer
// than a finger's width merge into a numbered cluster that zooms in on its
// incidents, or lists them when they stand at one point.
//
// Written by hand rather than vendored: the map is one SVG whose viewBox
// we move, and a page holds at most a few hundred markers, so greedy
// clustering in screen space is enough. supercluster and svg-pan-zoom would
// bring tile mathematics and DOM handling this map does not use, for
// several times this file's size.

const SVGNS = 'http://www.w3.org/2000/svg';
const MAX_ZOOM = 12; // beyond it the 1:50m borders and 1:10m provinces part visibly
const CLUSTER_PX = 22; // markers closer than this on screen merge
const DOT_PX_AT_1 = 6; // the server's dot radius, viewBox units at zoom 1

const figure = document.getElementById('incident-map');
const svg = figure && figure.querySelector('svg.incident-map');
if (svg) init(svg);

function init(svg) {
  const base = svg.viewBox.baseVal;
  const full = { x: base.x, y: base.y, w: base.width, h: base.height };
  let view = { ...full };
  const lang = document.documentElement.lang || 'en';
  const fmt = new Intl.NumberFormat(lang);

  const markers = [...svg.querySelectorAll('a.map-marker')].map((a) => ({
    a,
    x: +a.dataset.x,
    y: +a.dataset.y,
    href: a.getAttribute('href'),
    label: a.getAttribute('aria-label'),
    dot: a.querySelector('.map-dot'),
  }));
  const clusters = document.createElementNS(SVGNS, 'g');
  clusters.setAttribute('class', 'map-clusters');
  svg.appendChild(clusters);
  const countryLabels = svg.querySelector('.map-country-labels');
  const provinceLabels = svg.querySelector('.map-province-labels');
  const deFactoLabel = svg.querySelector('.map-defacto-label');
  const sizes = new Map();
  for (const el of [countryLabels, provinceLabels, deFactoLabel]) {
    if (el) sizes.set(el, +el.getAttribute('font-size'));
  }

  // Controls: real buttons, so the keyboard and screen readers have them.
  const bar = document.createElement('div');
  bar.className = 'map-controls';
  const button = (label, text, fn) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.title = label;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', fn);
    bar.appendChild(b);
  };
  button(svg.dataset.zoomIn, '+', () => zoomAt(2));
  button(svg.dataset.zoomOut, '\u2212', () => zoomAt(0.5));
  button(svg.dataset.reset, '\u2922', () => show(full));
  svg.after(bar);
  const list = document.createElement('ul');
  list.className = 'map-cluster-list';
  list.hidden = true;
  list.tabIndex = -1;
  bar.after(list);

  svg.setAttribute('tabindex', '0');

  function scale() {
    // Screen pixels per viewBox unit, letterboxing included (map.css caps
    // the map's height, and the viewBox is fitted inside).
    const m = svg.getScreenCTM();
    return m && m.a > 0 ? m.a : 1;
  }

  function clamp(v) {
    const w = Math.min(full.w, Math.max(full.w / MAX_ZOOM, v.w));
    const h = (w * full.h) / full.w;
    const x = Math.min(full.x + full.w - w, Math.max(full.x, v.x));
    const y = Math.min(full.y + full.h - h, Math.max(full.y, v.y));
    return { x, y, w, h };
  }

  function show(v) {
    view = clamp(v);
    list.hidden = true; // a list of one point's incidents belongs to the view it was opened in
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    // Zoomed in, a drag pans the map; at the whole map a vertical swipe
    // still scrolls the page (map.css).
    figure.toggleAttribute('data-zoomed', view.w < full.w - 1e-6);
    redraw();
  }

  // zoomAt zooms by k about a point in viewBox units (the view's centre by
  // default), keeping that point where it is on screen.
  function zoomAt(k, cx = view.x + view.w / 2, cy = view.y + view.h / 2) {
    const w = view.w / k;
    const h = view.h / k;
    show({ x: cx - ((cx - view.x) * w) / view.w, y: cy - ((cy - view.y) * h) / view.h, w, h });
  }

  function toView(clientX, clientY) {
    const m = svg.getScreenCTM();
    if (!m) return { x: view.x, y: view.y };
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }

  function redraw() {
    const zoom = full.w / view.w;
    const s = scale();
    // Points and type keep a legible size on screen: what the server drew
    // at zoom 1, but never under a floor in pixels (a phone shows the
    // whole map at a third of its units).
    const px = (units, min) => Math.max(units / zoom, min / s);
    for (const m of markers) {
      if (m.dot) m.dot.setAttribute('r', String(px(DOT_PX_AT_1, 4.5)));
    }
    for (const [el, size] of sizes) el.setAttribute('font-size', String(px(size, 11)));
    if (deFactoLabel) deFactoLabel.setAttribute('dy', String(-px(6, 4)));
    if (provinceLabels) provinceLabels.setAttribute('visibility', zoom >= 2.5 ? 'visible' : 'hidden');
    cluster(s, zoom);
  }

  // cluster merges markers closer than CLUSTER_PX on screen: each marker in
  // index order takes every free marker near it.
  function cluster(s, zoom) {
    clusters.replaceChildren();
    const free = new Set(markers);
    for (const m of markers) {
      if (!free.has(m)) continue;
      free.delete(m);
      const group = [m];
      for (const o of free) {
        if (Math.hypot((o.x - m.x) * s, (o.y - m.y) * s) < CLUSTER_PX) {
          group.push(o);
          free.delete(o);
        }
      }
      // A clustered marker keeps its precision ring in sight; its point
      // and link give way to the cluster's.
      for (const g of group) {
        const merged = group.length > 1;
        if (g.dot) g.dot.setAttribute('display', merged ? 'none' : 'inline');
        g.a.setAttribute('pointer-events', merged ? 'none' : 'auto');
        if (merged) g.a.setAttribute('tabindex', '-1');
        else g.a.removeAttribute('tabindex');
        g.a.setAttribute('aria-hidden', merged ? 'true' : 'false');
      }
      if (group.length > 1) drawCluster(group, zoom);
    }
  }

  function drawCluster(group, zoom) {
    const cx = group.reduce((t, g) => t + g.x, 0) / group.length;
    const cy = group.reduce((t, g) => t + g.y, 0) / group.length;
    const n = fmt.format(group.length);
    const label = (svg.dataset.cluster || '{n}').replace('{n}', n);
    const a = document.createElementNS(SVGNS, 'a');
    a.setAttribute('href', '#incident-map');
    a.setAttribute('class', 'map-cluster');
    a.setAttribute('role', 'button');
    a.setAttribute('aria-label', label);
    a.dataset.count = String(group.length);
    const title = document.createElementNS(SVGNS, 'title');
    title.textContent = label;
    const c = document.createElementNS(SVGNS, 'circle');
    c.setAttribute('cx', cx);
    c.setAttribute('cy', cy);
    c.setAttribute('r', String(Math.max(13 / zoom, 11 / scale())));
    c.setAttribute('fill', '#2f4a6d');
    c.setAttribute('stroke', '#fff');
    c.setAttribute('stroke-width', '2');
    c.setAttribute('vector-effect', 'non-scaling-stroke');
    const t = document.createElementNS(SVGNS, 'text');
    t.setAttribute('x', cx);
    t.setAttribute('y', cy);
    const size = Math.max(13 / zoom, 11 / scale());
    t.setAttribute('dy', String(size * 0.35));
    t.setAttribute('font-size', String(size));
    t.setAttribute('text-anchor', 'middle');
    t.setAttribute('fill', '#fff');
    t.setAttribute('font-family', 'sans-serif');
    t.textContent = n;
    a.append(title, c, t);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      open(group);
    });
    a.addEventListener('keydown', (e) => {
      if (e.key === ' ') {
        e.preventDefault();
        open(group);
      }
    });
    clusters.appendChild(a);
  }

  // open zooms in until a cluster's markers part, or lists them when even
  // the closest zoom cannot part them (one place, several incidents).
  function open(group) {
    const xs = group.map((g) => g.x);
    const ys = group.map((g) => g.y);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y0 = Math.min(...ys);
    const y1 = Math.max(...ys);
    const spread = Math.hypot(x1 - x0, y1 - y0);
    const maxScale = scale() * (view.w / (full.w / MAX_ZOOM));
    if (spread * maxScale < CLUSTER_PX) {
      list.replaceChildren(
        ...group.map((g) => {
          const li = document.createElement('li');
          const link = document.createElement('a');
          link.href = g.href;
          link.textContent = g.label;
          li.appendChild(link);
          return li;
        }),
      );
      list.hidden = false;
      list.focus();
      return;
    }
    const pad = Math.max(x1 - x0, y1 - y0) * 0.3 + full.w / MAX_ZOOM / 4;
    const w = Math.max(x1 - x0 + 2 * pad, ((y1 - y0 + 2 * pad) * full.w) / full.h);
    show({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - (w * full.h) / full.w / 2, w, h: (w * full.h) / full.w });
  }

  // Pointer: drag to pan, two fingers to pinch; a drag is not a click.
  const pointers = new Map();
  let dragged = false;
  let pinch = 0;
  svg.addEventListener('pointerdown', (e) => {
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    dragged = false;
    if (pointers.size === 2) pinch = distance();
  });
  svg.addEventListener('pointermove', (e) => {
    const p = pointers.get(e.pointerId);
    if (!p) return;
    if (pointers.size === 1) {
      const dx = e.clientX - p.x;
      const dy = e.clientY - p.y;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      if (!dragged) {
        try {
          svg.setPointerCapture(e.pointerId);
        } catch {
          // the pointer is gone already (or synthetic): pan without capture
        }
      }
      dragged = true;
      const s = scale();
      p.x = e.clientX;
      p.y = e.clientY;
      show({ ...view, x: view.x - dx / s, y: view.y - dy / s });
    } else if (pointers.size === 2) {
      p.x = e.clientX;
      p.y = e.clientY;
      const d = distance();
      if (pinch > 0 && d > 0) {
        const [a, b] = [...pointers.values()];
        const c = toView((a.x + b.x) / 2, (a.y + b.y) / 2);
        zoomAt(d / pinch, c.x, c.y);
      }
      pinch = d;
      dragged = true;
    }
  });
  const up = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = 0;
  };
  svg.addEventListener('pointerup', up);
  svg.addEventListener('pointercancel', up);
  svg.addEventListener(
    'click',
    (e) => {
      if (dragged) {
        e.preventDefault();
        e.stopPropagation();
        dragged = false;
      }
    },
    true,
  );
  function distance() {
    const [a, b] = [...pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  svg.addEventListener(
    'wheel',
    (e) => {
      // Only a pinch on a trackpad (which Chrome and Firefox send as a
      // wheel with ctrlKey) or Ctrl/Cmd with the wheel zooms: a plain
      // wheel scrolls the page past the map, as readers expect.
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const c = toView(e.clientX, e.clientY);
      zoomAt(Math.exp(-e.deltaY * 0.002), c.x, c.y);
    },
    { passive: false },
  );

  svg.addEventListener('keydown', (e) => {
    if (e.target !== svg) return; // a focused marker keeps its keys
    const step = 0.15;
    const moves = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    if (moves[e.key]) {
      const [mx, my] = moves[e.key];
      show({ ...view, x: view.x + mx * view.w, y: view.y + my * view.h });
    } else if (e.key === '+' || e.key === '=') {
      zoomAt(2);
    } else if (e.key === '-') {
      zoomAt(0.5);
    } else if (e.key === '0') {
      show(full);
    } else {
      return;
    }
    e.preventDefault();
  });

  new ResizeObserver(() => redraw()).observe(svg);
  redraw();
  figure.dataset.ready = 'true';
}
