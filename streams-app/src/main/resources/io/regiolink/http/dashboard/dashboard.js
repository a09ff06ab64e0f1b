/*
 * The regiolink dashboard: a map, an origin-destination matrix, hubs, alerts and a company lookup,
 * all from the public HTTP API (/api/v1) of whichever instance serves the page. Plain JS and d3
 * (served from the d3 WebJar), so nothing needs Node.js to build or run.
 */
(function () {
  'use strict';

  const SECTORS = ['ALL', 'KI', 'OTHER', 'KIBS', 'HIGH_TECH_KIS', 'FINANCIAL_KIS', 'MARKET_KIS', 'OTHER_KIS',
    'HIGH_TECH_MANUFACTURING'];
  const BOUNDARIES = { itl1: { url: 'geo/itl1.geojson', code: 'itl1_code' }, lad: { url: 'geo/lad.geojson', code: 'lad_code' } };
  const MAX_FLOWS = 30;
  const MAP_WIDTH = 640;
  const MAP_HEIGHT = 760;

  const state = {
    scheme: 'itl1',
    sector: 'ALL',
    minStrength: 1,
    regions: new Map(),      // code -> {code, name, lat, lon}
    cells: new Map(),        // "origin|destination" -> {origin, destination, companies, sites}
    registered: new Map(),   // "scheme|sector|region" -> companies registered there (for shares)
    names: new Map(),        // scheme -> Map(code -> name), for alerts of any scheme
    boundaries: new Map(),   // scheme -> GeoJSON features, rewound for d3
    focus: null,
    asOf: null,              // a past day (YYYY-MM-DD, its end, UTC) the view shows; null: today, live
    history: null,           // {retention, earliest}: how far back asOf reaches
    links: null,             // EventSource of the link feed
    alerts: null,            // EventSource of the alert feed
    loading: 0,              // increments on every selection, so late answers of an old one are dropped
  };

  const $ = (id) => document.getElementById(id);

  // ---- the API ----

  // Requests not answered yet, on the page for whoever diagnoses a view that does not finish drawing.
  const inFlight = new Set();
  async function tracked(name, request) {
    inFlight.add(name);
    document.body.dataset.inFlight = [...inFlight].join(' ');
    try {
      return await request();
    } finally {
      inFlight.delete(name);
      document.body.dataset.inFlight = [...inFlight].join(' ');
    }
  }

  function api(path) {
    return tracked(path, () => answer(path));
  }

  async function answer(path) {
    const response = await fetch('/api/v1' + path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      try {
        const problem = await response.json();
        message = problem.error + (problem.detail ? ': ' + problem.detail : '');
      } catch (e) { /* not JSON: keep the status */ }
      throw new Error(message);
    }
    return response.json();
  }

  const query = (params) => '?' + new URLSearchParams(params).toString();
  // The parameters of a read of the view's counts: as of the chosen day, when one is.
  const viewed = (params) => query(state.asOf ? { ...params, asOf: state.asOf } : params);

  /** A UTC day (YYYY-MM-DD) some days from today. */
  function day(offset) {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  }

  const daysBetween = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86400000);

  // ---- start ----

  async function start() {
    const schemes = await api('/schemes');
    const schemeSelect = $('scheme');
    for (const s of schemes.schemes) {
      schemeSelect.append(new Option(s.scheme + ' (' + s.regions + ' regions)', s.scheme));
    }
    if (schemes.dataset && schemes.dataset.kind === 'synthetic-sample') {
      const banner = $('dataset-banner');
      banner.textContent = 'Synthetic sample: these companies are made up (' + schemes.dataset.label
        + '). Load real data with regiolink replay.';
      banner.hidden = false;
    }
    const sectorSelect = $('sector');
    SECTORS.forEach((s) => sectorSelect.append(new Option(s, s)));
    // The view is in the address (#scheme=lad&sector=KI), so it can be bookmarked and shared.
    const wanted = new URLSearchParams(location.hash.slice(1));
    if ([...schemeSelect.options].some((o) => o.value === wanted.get('scheme'))) {
      state.scheme = wanted.get('scheme');
    }
    if (SECTORS.includes(wanted.get('sector'))) {
      state.sector = wanted.get('sector');
    }
    state.history = schemes.history;
    startHistoryControls(wanted.get('asOf'));
    schemeSelect.value = state.scheme;
    sectorSelect.value = state.sector;
    schemeSelect.addEventListener('change', () => { state.scheme = schemeSelect.value; reselect(); });
    sectorSelect.addEventListener('change', () => { state.sector = sectorSelect.value; reselect(); });
    $('min-strength').addEventListener('input', (e) => {
      state.minStrength = Number(e.target.value);
      $('min-strength-value').textContent = e.target.value;
      drawMap();
    });
    $('matrix-sort').addEventListener('change', drawMatrix);
    $('matrix-top').addEventListener('change', drawMatrix);
    $('company-form').addEventListener('submit', (e) => { e.preventDefault(); lookUp($('company-number').value); });
    // Region names of every scheme, so alerts of any scheme read as places, not codes.
    await Promise.all(schemes.schemes.map((s) => api('/schemes/' + encodeURIComponent(s.scheme) + '/regions')
      .then((r) => state.names.set(s.scheme, new Map(r.regions.map((x) => [x.code, x.name]))))));
    startAlerts();
    await select();
  }

  function reselect() {
    const view = { scheme: state.scheme, sector: state.sector };
    if (state.asOf) {
      view.asOf = state.asOf;
    }
    history.replaceState(null, '', '#' + new URLSearchParams(view));
    // After the select control has closed: redrawing the LAD map under an open headless-Chromium
    // dropdown stalled the page (seen in DashboardIT).
    setTimeout(() => select().catch(failed), 0);
  }

  function failed(e) {
    document.body.dataset.ready = 'error';
    $('map-summary').textContent = 'The dashboard could not load ' + state.scheme + ' / ' + state.sector + ': ' + e.message;
    console.warn('regiolink dashboard:', e);
  }

  /** Loads everything for the chosen scheme and sector, then follows its live feed. */
  async function select() {
    const ticket = ++state.loading;
    // A redraw the old view's events asked for would draw the new scheme's map with the old one's data.
    clearTimeout(redraw);
    redraw = null;
    document.body.dataset.ready = 'false';
    document.body.dataset.view = state.scheme + ':' + state.sector + (state.asOf ? '@' + state.asOf : '');
    state.focus = null;
    // The feed opens first and its events wait, so nothing between the snapshot and the feed is missed;
    // each event carries the link's whole value, so replaying them over the snapshot converges.
    // A past day has no live feed: its counts do not change.
    const pending = [];
    if (state.asOf) {
      stopLinks();
      pending.applied = true;
    } else {
      followLinks(pending, ticket);
    }
    const [regions, matrix] = await Promise.all([
      api('/schemes/' + encodeURIComponent(state.scheme) + '/regions'),
      api('/matrix/' + encodeURIComponent(state.scheme) + viewed({ sector: state.sector })),
      boundaries(state.scheme),
    ]);
    if (ticket !== state.loading) {
      return;
    }
    state.regions = new Map(regions.regions.map((r) => [r.code, r]));
    state.cells = new Map(matrix.cells.map((c) => [c.origin + '|' + c.destination, c]));
    pending.splice(0).forEach(applyLink);
    pending.applied = true;
    drawMap();
    drawMatrix();
    drawFocus();
    await drawHubs();
    if (ticket === state.loading) {
      document.body.dataset.ready = 'true';
      if (!document.body.dataset.firstMapMs) {
        // Since navigation started: the page's load time to its first complete map and matrix.
        document.body.dataset.firstMapMs = String(Math.round(performance.now()));
      }
    }
  }

  async function boundaries(scheme) {
    const source = BOUNDARIES[scheme] || BOUNDARIES.lad;
    const key = BOUNDARIES[scheme] ? scheme : 'lad';
    if (!state.boundaries.has(key)) {
      const response = await tracked(source.url, () => fetch(source.url));
      if (!response.ok) {
        throw new Error('boundaries ' + source.url + ': HTTP ' + response.status);
      }
      const geo = await response.json();
      // The files wind exterior rings anticlockwise (RFC 7946); d3-geo takes them clockwise, else fills invert.
      geo.features.forEach((f) => {
        const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        polygons.forEach((rings) => rings.forEach((ring) => ring.reverse()));
        f.properties.code = f.properties[source.code];
      });
      state.boundaries.set(key, geo.features);
    }
    return state.boundaries.get(key);
  }

  // ---- history: the view as of a past day, and two days compared ----

  function startHistoryControls(wantedAsOf) {
    const slider = $('as-of');
    const back = Math.max(1, daysBetween(state.history.earliest, day(0)));
    slider.min = String(-back);
    if (wantedAsOf && wantedAsOf >= state.history.earliest && wantedAsOf < day(0)) {
      state.asOf = wantedAsOf;
      slider.value = String(-daysBetween(wantedAsOf, day(0)));
    }
    const label = () => Number(slider.value) === 0 ? 'today (live)' : day(Number(slider.value));
    $('as-of-value').textContent = label();
    slider.addEventListener('input', () => { $('as-of-value').textContent = label(); });
    slider.addEventListener('change', () => {
      state.asOf = Number(slider.value) === 0 ? null : day(Number(slider.value));
      $('as-of-value').textContent = label();
      reselect();
    });
    $('compare-from').min = state.history.earliest;
    $('compare-to').min = state.history.earliest;
    $('compare-from').max = day(0);
    $('compare-to').max = day(0);
    $('compare-from').value = state.history.earliest > day(-30) ? state.history.earliest : day(-30);
    $('compare-to').value = day(0);
    $('compare-form').addEventListener('submit', (e) => { e.preventDefault(); compare().catch(compareFailed); });
  }

  async function compare() {
    const from = $('compare-from').value;
    const to = $('compare-to').value;
    const note = $('compare-note');
    note.textContent = 'Comparing ' + from + ' with ' + (to === day(0) ? 'now' : to) + '…';
    // The end of today is still to come: "to" today means now.
    const params = { from, sector: state.sector, limit: 25 };
    if (to !== day(0)) {
      params.to = to;
    }
    const changes = await api('/changes/' + encodeURIComponent(state.scheme) + query(params));
    const table = $('compare-links');
    const head = '<tr><th>from</th><th>to</th><th>companies then</th><th>now</th><th>change</th><th>sites change</th></tr>';
    table.innerHTML = head;
    const sign = (n) => (n > 0 ? '+' : '') + n.toLocaleString();
    for (const c of changes.links) {
      const row = table.insertRow();
      row.dataset.origin = c.origin;
      row.dataset.destination = c.destination;
      row.dataset.change = String(c.change.companies);
      row.insertCell().textContent = regionLabel(c.origin);
      row.insertCell().textContent = regionLabel(c.destination);
      row.insertCell().textContent = c.before.companies.toLocaleString();
      row.insertCell().textContent = c.after.companies.toLocaleString();
      const change = row.insertCell();
      change.textContent = sign(c.change.companies);
      change.className = c.change.companies > 0 ? 'up' : c.change.companies < 0 ? 'down' : '';
      row.insertCell().textContent = sign(c.change.sites);
    }
    $('compare-hubs').replaceChildren(...changes.hubs.slice(0, 15).map((h) => {
      const item = document.createElement('li');
      item.dataset.region = h.region;
      const moved = h.rankBefore == null ? 'new hub at ' + h.rankAfter : h.rankAfter == null ? 'no longer a hub (was '
        + h.rankBefore + ')' : 'rank ' + h.rankBefore + ' → ' + h.rankAfter;
      item.textContent = h.name + ': ' + moved + ' (' + h.before.toLocaleString() + ' → ' + h.after.toLocaleString()
        + ' companies in)';
      item.className = h.rankBefore == null || (h.rankAfter != null && h.rankAfter < h.rankBefore) ? 'up' : 'down';
      return item;
    }));
    drawChangeMatrix(changes.links);
    note.textContent = changes.links.length ? 'The ' + changes.links.length + ' links that changed most from the end of '
      + from + ' to ' + (to === day(0) ? 'now' : 'the end of ' + to) + '.' : 'No link changed between these dates.';
    $('compare-panel').dataset.compared = from + '/' + to + '/' + state.scheme + ':' + state.sector;
  }

  function compareFailed(e) {
    $('compare-note').textContent = 'Could not compare: ' + e.message;
    $('compare-panel').dataset.compared = 'error';
  }

  /** The biggest movers as a matrix: rows their origins, columns their destinations, blue more, red fewer. */
  function drawChangeMatrix(changes) {
    const rows = [...new Set(changes.map((c) => c.origin))].sort();
    const columns = [...new Set(changes.map((c) => c.destination))].sort();
    const size = 16;
    const left = 170;
    const top = 110;
    const max = d3.max(changes, (c) => Math.abs(c.change.companies)) || 1;
    const color = d3.scaleDiverging([-max, 0, max], (t) => d3.interpolateRdBu(t));
    const container = d3.select('#compare-matrix');
    container.selectAll('*').remove();
    const svg = container.append('svg').attr('width', left + columns.length * size + 10)
      .attr('height', top + rows.length * size + 10).attr('role', 'img')
      .attr('aria-label', 'Change matrix: rows registered region, columns trading region, colour the change in companies');
    svg.append('g').selectAll('text').data(rows).join('text').attr('class', 'axis-label')
      .attr('x', left - 4).attr('y', (r, i) => top + i * size + size * 0.7).attr('text-anchor', 'end')
      .text((r) => truncate(regionLabel(r), 28));
    svg.append('g').selectAll('text').data(columns).join('text').attr('class', 'axis-label')
      .attr('transform', (c, i) => 'translate(' + (left + i * size + size * 0.7) + ',' + (top - 4) + ') rotate(-60)')
      .text((c) => truncate(regionLabel(c), 18));
    svg.append('g').selectAll('rect').data(changes).join('rect').attr('class', 'change-cell')
      .attr('x', (c) => left + columns.indexOf(c.destination) * size).attr('y', (c) => top + rows.indexOf(c.origin) * size)
      .attr('width', size - 1).attr('height', size - 1).attr('fill', (c) => color(c.change.companies))
      .attr('data-origin', (c) => c.origin).attr('data-destination', (c) => c.destination)
      .attr('data-change', (c) => c.change.companies)
      .append('title').text((c) => regionLabel(c.origin) + ' → ' + regionLabel(c.destination) + ': '
        + c.before.companies + ' → ' + c.after.companies + ' companies');
  }

  // ---- live updates ----

  function stopLinks() {
    if (state.links) {
      state.links.close();
      state.links = null;
    }
    connectionChanged();
  }

  function followLinks(pending, ticket) {
    if (state.links) {
      state.links.close();
    }
    const source = new EventSource('/api/v1/stream/links' + query({ scheme: state.scheme, sector: state.sector }));
    state.links = source;
    source.onopen = connectionChanged;
    source.onerror = connectionChanged;
    source.addEventListener('link', (event) => {
      if (ticket !== state.loading) {
        return;
      }
      const link = JSON.parse(event.data);
      if (!pending.applied) {
        pending.push(link);
        return;
      }
      applyLink(link);
      scheduleRedraw();
    });
    // This instance dropped events this client had not read yet: start again from a fresh snapshot.
    source.addEventListener('gap', () => select().catch(failed));
  }

  function applyLink(link) {
    if (link.scheme !== state.scheme || link.sector !== state.sector) {
      return;
    }
    const key = link.origin + '|' + link.destination;
    if (link.companies > 0 || link.sites > 0) {
      state.cells.set(key, { origin: link.origin, destination: link.destination, companies: link.companies, sites: link.sites });
    } else {
      state.cells.delete(key);
    }
  }

  let redraw = null;
  let lastHubs = 0;
  function scheduleRedraw() {
    if (redraw) {
      return;
    }
    redraw = setTimeout(() => {
      redraw = null;
      drawMap();
      drawMatrix();
      if (state.focus) {
        drawFocus();
      }
      if (Date.now() - lastHubs > 3000) {
        lastHubs = Date.now();
        drawHubs();
      }
    }, 250);
  }

  function startAlerts() {
    api('/alerts' + query({ limit: 50 })).then((answer) => answer.alerts.slice().reverse().forEach(addAlert))
      .catch((e) => showAlertProblem(e.message));
    const source = new EventSource('/api/v1/stream/alerts');
    state.alerts = source;
    source.onopen = connectionChanged;
    source.onerror = connectionChanged;
    source.addEventListener('alert', (event) => addAlert(JSON.parse(event.data)));
  }

  /** Live when both feeds are open; EventSource reconnects by itself, resuming with Last-Event-ID. */
  function connectionChanged() {
    const badge = $('connection');
    if (state.asOf) {
      badge.textContent = 'history: as of ' + state.asOf;
      badge.className = 'connection history';
      return;
    }
    const open = [state.links, state.alerts].every((s) => s && s.readyState === EventSource.OPEN);
    badge.textContent = open ? 'live' : 'reconnecting';
    badge.className = 'connection ' + (open ? 'live' : 'reconnecting');
  }

  function addAlert(alert) {
    const list = $('alerts');
    const item = document.createElement('li');
    const kind = document.createElement('span');
    kind.className = 'kind ' + alert.kind;
    kind.textContent = alert.kind;
    const where = alert.region ? regionLabel(alert.region, alert.scheme)
      : regionLabel(alert.origin, alert.scheme) + ' → ' + regionLabel(alert.destination, alert.scheme);
    const change = alert.kind === 'HUB_RANK'
      ? 'rank ' + (alert.rankBefore ?? '-') + ' → ' + (alert.rankAfter ?? '-')
      : alert.valueBefore + ' → ' + alert.valueAfter + ' companies';
    item.append(kind, ' ' + where + ' (' + alert.scheme + ', ' + alert.sector + '): ' + change
      + ', week to ' + String(alert.windowEnd).slice(0, 10));
    item.dataset.kind = alert.kind;
    list.prepend(item);
    while (list.children.length > 100) {
      list.lastChild.remove();
    }
  }

  function showAlertProblem(message) {
    const item = document.createElement('li');
    item.textContent = 'Alerts not available yet: ' + message;
    $('alerts').append(item);
  }

  // ---- map ----

  function regionLabel(code, scheme) {
    const names = state.names.get(scheme === undefined ? state.scheme : scheme);
    return (names && names.get(code)) || code;
  }

  /**
   * The projection and each region's outline as an SVG path, computed once per boundary set: the
   * LAD outlines have 55,000 vertices, and live updates redraw only fills and flows.
   */
  const geometry = new Map();
  function geometryOf(key) {
    if (!geometry.has(key)) {
      const features = state.boundaries.get(key) || [];
      const projection = d3.geoMercator().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: 'FeatureCollection', features });
      const path = d3.geoPath(projection);
      geometry.set(key, { projection, outlines: features.map((f) => ({ code: f.properties.code, name: f.properties.name, d: path(f) })) });
    }
    return geometry.get(key);
  }

  function drawMap() {
    const key = BOUNDARIES[state.scheme] ? state.scheme : 'lad';
    if (!state.boundaries.has(key)) {
      return;
    }
    const outlinesOnly = !BOUNDARIES[state.scheme];
    const { projection, outlines } = geometryOf(key);
    const self = new Map();
    const flows = [];
    for (const cell of state.cells.values()) {
      if (cell.origin === cell.destination) {
        self.set(cell.origin, cell.companies);
      } else if (cell.companies >= state.minStrength) {
        flows.push(cell);
      }
    }
    flows.sort((a, b) => b.companies - a.companies || a.origin.localeCompare(b.origin));
    const shown = flows.slice(0, MAX_FLOWS);
    $('min-strength').max = String(Math.max(10, flows.length ? flows[0].companies : 0));
    const maxSelf = d3.max(self.values()) || 1;
    const fill = d3.scaleSequentialSqrt([0, maxSelf], (t) => d3.interpolateCividis(1 - 0.85 * t));
    const width = d3.scaleSqrt([0, d3.max(shown, (f) => f.companies) || 1], [0.6, 9]);
    const home = (code) => (self.get(code) || 0) + ' companies trading at home';

    let svg = d3.select('#map svg');
    if (svg.empty() || svg.attr('data-scheme') !== state.scheme) {
      d3.select('#map').selectAll('*').remove();
      svg = d3.select('#map').append('svg').attr('viewBox', [0, 0, MAP_WIDTH, MAP_HEIGHT]).attr('data-scheme', state.scheme)
        .attr('role', 'img').attr('aria-label', 'Map of ' + state.scheme + ' regions and their strongest links');
      svg.append('defs').append('marker').attr('id', 'arrow').attr('viewBox', '0 0 10 10').attr('refX', 8).attr('refY', 5)
        .attr('markerWidth', 4).attr('markerHeight', 4).attr('orient', 'auto-start-reverse')
        .append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', 'var(--flow)');
      const regions = svg.append('g').attr('class', 'outlines').selectAll('path').data(outlines).join('path')
        .attr('class', outlinesOnly ? 'outline' : 'region').attr('d', (o) => o.d).attr('data-code', (o) => o.code)
        .attr('fill', '#eee');
      if (!outlinesOnly) {
        regions.attr('tabindex', 0).attr('role', 'button')
          .on('click', (event, o) => focusOn(o.code))
          .on('keydown', (event, o) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); focusOn(o.code); } })
          .append('title');
      }
      svg.append('g').attr('class', 'centroids');
      svg.append('g').attr('class', 'flows');
    }

    const point = (code) => {
      const r = state.regions.get(code);
      return r && r.lat != null && r.lat !== '' ? projection([r.lon, r.lat]) : null;
    };
    if (outlinesOnly) {
      // A custom scheme has no boundaries here: its regions are drawn at their centroids over the LAD outlines.
      svg.select('g.centroids').selectAll('circle').data([...state.regions.values()].filter((r) => point(r.code)), (r) => r.code)
        .join((enter) => enter.append('circle').attr('class', 'region centroid').attr('tabindex', 0).attr('role', 'button')
          .on('click', (event, r) => focusOn(r.code))
          .on('keydown', (event, r) => { if (event.key === 'Enter') { focusOn(r.code); } })
          .call((c) => c.append('title')))
        .attr('cx', (r) => point(r.code)[0]).attr('cy', (r) => point(r.code)[1])
        .attr('r', (r) => 3 + 12 * Math.sqrt((self.get(r.code) || 0) / maxSelf))
        .attr('data-code', (r) => r.code).attr('aria-label', (r) => r.name + ': ' + home(r.code))
        .classed('focused', (r) => r.code === state.focus)
        .select('title').text((r) => r.name + ': ' + home(r.code));
    } else {
      const regions = svg.select('g.outlines').selectAll('path')
        .attr('fill', (o) => self.get(o.code) ? fill(self.get(o.code)) : '#eee')
        .classed('focused', (o) => o.code === state.focus)
        .attr('aria-label', (o) => o.name + ': ' + home(o.code));
      regions.select('title').text((o) => o.name + ' (' + o.code + '): ' + home(o.code));
    }
    svg.select('g.flows').selectAll('path').data(shown.filter((f) => point(f.origin) && point(f.destination))).join('path')
      .attr('class', 'flow')
      .classed('dim', (f) => state.focus && f.origin !== state.focus && f.destination !== state.focus)
      .attr('d', (f) => {
        const [x1, y1] = point(f.origin);
        const [x2, y2] = point(f.destination);
        // A gentle arc, so A→B and B→A do not sit on top of each other.
        const mx = (x1 + x2) / 2 + (y2 - y1) * 0.2;
        const my = (y1 + y2) / 2 - (x2 - x1) * 0.2;
        return 'M' + x1 + ',' + y1 + 'Q' + mx + ',' + my + ' ' + x2 + ',' + y2;
      })
      .attr('stroke-width', (f) => width(f.companies))
      .attr('marker-end', 'url(#arrow)')
      .attr('data-origin', (f) => f.origin).attr('data-destination', (f) => f.destination)
      .selectAll('title').data((f) => [f]).join('title')
      .text((f) => regionLabel(f.origin) + ' → ' + regionLabel(f.destination) + ': ' + f.companies + ' companies, '
        + f.sites + ' sites');
    $('map-summary').textContent = state.regions.size + ' regions; ' + shown.length + ' of ' + flows.length
      + ' links between regions with at least ' + state.minStrength + ' companies drawn (strongest ' + MAX_FLOWS + ' at most).';
  }

  // ---- matrix ----

  function drawMatrix() {
    const out = new Map();
    const inn = new Map();
    for (const c of state.cells.values()) {
      if (c.origin !== c.destination) {
        out.set(c.origin, (out.get(c.origin) || 0) + c.companies);
        inn.set(c.destination, (inn.get(c.destination) || 0) + c.companies);
      }
    }
    const codes = new Set(state.regions.keys());
    state.cells.forEach((c) => { codes.add(c.origin); codes.add(c.destination); });
    const limit = Math.max(5, Number($('matrix-top').value) || 40);
    let shown = [...codes];
    if (shown.length > limit) {
      // The LAD matrix has ~130,000 cells: show the regions with most links, and say so.
      shown = shown.sort((a, b) => ((out.get(b) || 0) + (inn.get(b) || 0)) - ((out.get(a) || 0) + (inn.get(a) || 0)))
        .slice(0, limit);
      $('matrix-note').textContent = 'Showing the ' + limit + ' of ' + codes.size
        + ' regions with most links; raise "Regions shown" for more, or choose a coarser scheme.';
    } else {
      $('matrix-note').textContent = '';
    }
    const columns = shown.slice().sort();
    const sort = $('matrix-sort').value;
    const rows = shown.slice().sort((a, b) => sort === 'name' ? regionLabel(a).localeCompare(regionLabel(b))
      : sort === 'code' ? a.localeCompare(b) : (out.get(b) || 0) - (out.get(a) || 0) || a.localeCompare(b));
    const size = columns.length > 60 ? 9 : columns.length > 30 ? 13 : 22;
    const left = 170;
    const top = 110;
    const max = d3.max(state.cells.values(), (c) => c.companies) || 1;
    const color = d3.scaleSequentialLog([1, Math.max(2, max)], (t) => d3.interpolateCividis(1 - t));
    const wanted = new Set(shown);
    const cells = [...state.cells.values()].filter((c) => wanted.has(c.origin) && wanted.has(c.destination) && c.companies > 0);
    const x = new Map(columns.map((c, i) => [c, left + i * size]));
    const y = new Map(rows.map((r, i) => [r, top + i * size]));

    const container = d3.select('#matrix');
    container.selectAll('*').remove();
    const svg = container.append('svg').attr('width', left + columns.length * size + 10)
      .attr('height', top + rows.length * size + 10)
      .attr('role', 'img').attr('aria-label', 'Origin-destination matrix: rows registered region, columns trading region');
    svg.append('g').selectAll('text').data(rows).join('text').attr('class', 'axis-label')
      .attr('x', left - 4).attr('y', (r) => y.get(r) + size * 0.7).attr('text-anchor', 'end')
      .text((r) => truncate(regionLabel(r), 28)).on('click', (event, r) => focusOn(r))
      .append('title').text((r) => regionLabel(r) + ' (' + r + '): ' + (out.get(r) || 0) + ' companies trading elsewhere');
    svg.append('g').selectAll('text').data(columns).join('text').attr('class', 'axis-label')
      .attr('transform', (c) => 'translate(' + (x.get(c) + size * 0.7) + ',' + (top - 4) + ') rotate(-60)')
      .text((c) => truncate(regionLabel(c), 18)).on('click', (event, c) => focusOn(c))
      .append('title').text((c) => regionLabel(c) + ' (' + c + ')');
    svg.append('g').selectAll('rect').data(cells).join('rect').attr('class', 'cell')
      .attr('x', (c) => x.get(c.destination)).attr('y', (c) => y.get(c.origin))
      .attr('width', size - 1).attr('height', size - 1)
      .attr('fill', (c) => color(Math.max(1, c.companies)))
      .attr('data-origin', (c) => c.origin).attr('data-destination', (c) => c.destination)
      .attr('data-companies', (c) => c.companies).attr('data-sites', (c) => c.sites)
      .on('mouseenter', (event, c) => showCell(event, c))
      .on('mousemove', moveTooltip)
      .on('mouseleave', () => { $('tooltip').hidden = true; });
  }

  function truncate(text, n) {
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  async function showCell(event, cell) {
    const tip = $('tooltip');
    const base = regionLabel(cell.origin) + ' → ' + regionLabel(cell.destination) + ': '
      + cell.companies.toLocaleString() + ' companies, ' + cell.sites.toLocaleString() + ' sites';
    tip.textContent = base;
    tip.hidden = false;
    moveTooltip(event);
    const key = state.scheme + '|' + state.sector + '|' + cell.origin + '|' + (state.asOf || '');
    if (!state.registered.has(key)) {
      try {
        const summary = await api('/regions/' + encodeURIComponent(state.scheme) + '/' + encodeURIComponent(cell.origin)
          + viewed({ sector: state.sector }));
        state.registered.set(key, summary.registered);
      } catch (e) {
        return;
      }
    }
    const registered = state.registered.get(key);
    if (!tip.hidden && tip.textContent === base && registered > 0) {
      tip.textContent = base + '; ' + (100 * cell.companies / registered).toFixed(1) + '% of the '
        + registered.toLocaleString() + ' firms registered in ' + regionLabel(cell.origin);
    }
  }

  function moveTooltip(event) {
    const tip = $('tooltip');
    tip.style.left = (event.clientX + 12) + 'px';
    tip.style.top = (event.clientY + 12) + 'px';
  }

  // ---- hubs and focus ----

  async function drawHubs() {
    const base = '/hubs/' + encodeURIComponent(state.scheme);
    try {
      const [inbound, outbound] = await Promise.all([
        api(base + viewed({ by: 'inbound', sector: state.sector, top: 15 })),
        api(base + viewed({ by: 'outbound', sector: state.sector, top: 15 })),
      ]);
      fillHubs($('hubs-in'), inbound.hubs);
      fillHubs($('hubs-out'), outbound.hubs);
    } catch (e) {
      $('hubs-in').textContent = 'Hubs not available: ' + e.message;
    }
  }

  function fillHubs(list, hubs) {
    list.replaceChildren(...hubs.map((h) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.className = 'link';
      button.type = 'button';
      button.textContent = h.name + ' (' + h.companies.toLocaleString() + ')';
      button.addEventListener('click', () => focusOn(h.region));
      item.append(button);
      item.dataset.region = h.region;
      return item;
    }));
  }

  function focusOn(code) {
    state.focus = state.focus === code ? null : code;
    drawMap();
    drawFocus();
  }

  async function drawFocus() {
    const panel = $('focus');
    $('focus-empty').hidden = !!state.focus;
    if (!state.focus) {
      panel.replaceChildren();
      return;
    }
    const code = state.focus;
    const base = '/links/' + encodeURIComponent(state.scheme) + '/' + encodeURIComponent(code);
    try {
      const [out, inn] = await Promise.all([
        api(base + viewed({ direction: 'out', sector: state.sector, limit: 10 })),
        api(base + viewed({ direction: 'in', sector: state.sector, limit: 10 })),
      ]);
      if (state.focus !== code) {
        return;
      }
      const heading = document.createElement('h3');
      heading.textContent = regionLabel(code) + ' (' + code + ')';
      panel.replaceChildren(heading, linkList('Its firms trade in', out.links, (l) => l.destination),
        linkList('Firms trading here are registered in', inn.links, (l) => l.origin));
      panel.dataset.region = code;
    } catch (e) {
      panel.textContent = 'Links of ' + code + ' not available: ' + e.message;
    }
  }

  function linkList(title, links, other) {
    const wrap = document.createElement('div');
    const h = document.createElement('h3');
    h.textContent = title;
    const list = document.createElement('ol');
    links.forEach((l) => {
      const item = document.createElement('li');
      item.textContent = regionLabel(other(l)) + ': ' + l.companies.toLocaleString() + ' companies, '
        + l.sites.toLocaleString() + ' sites';
      list.append(item);
    });
    wrap.append(h, list);
    return wrap;
  }

  // ---- company lookup ----

  async function lookUp(number) {
    const result = $('company-result');
    result.textContent = 'Looking up ' + number + '…';
    try {
      const c = await api('/companies/' + encodeURIComponent(number.trim()));
      const title = document.createElement('p');
      const strong = document.createElement('strong');
      strong.textContent = (c.name || '(no profile yet)') + ' ' + c.companyNumber;
      title.append(strong, ' — ' + (c.status || 'status unknown') + '. '
        + (c.counted ? 'Counted' : 'Not counted: ' + c.reason) + '. Sectors: ' + (c.sectors.join(', ') || 'none') + '.');
      const table = document.createElement('table');
      const schemes = Object.keys(c.registeredOffice.regions);
      const head = table.createTHead().insertRow();
      ['', 'postcode', ...schemes].forEach((t) => { const th = document.createElement('th'); th.textContent = t; head.append(th); });
      const body = table.createTBody();
      const row = (label, place) => {
        const r = body.insertRow();
        r.insertCell().textContent = label;
        r.insertCell().textContent = (place.postalCode || '(none)') + (place.repairedTo ? ' (read as ' + place.repairedTo + ')' : '');
        schemes.forEach((s) => {
          const cell = r.insertCell();
          const region = place.regions[s];
          cell.textContent = region === 'UNRESOLVED' ? 'unresolved' : region;
          if (region === 'UNRESOLVED') {
            cell.className = 'unresolved';
          }
        });
      };
      row('registered office', c.registeredOffice);
      c.sites.forEach((s) => row('site ' + s.siteId, s));
      const unresolved = document.createElement('p');
      unresolved.textContent = c.unresolved.length
        ? 'Unresolved postcodes (counted nowhere): ' + c.unresolved.join(', ')
        : 'Every postcode placed.';
      result.replaceChildren(title, table, unresolved);
      result.dataset.company = c.companyNumber;
    } catch (e) {
      result.textContent = e.message;
      delete result.dataset.company;
    }
  }

  start().catch(failed);
})();
