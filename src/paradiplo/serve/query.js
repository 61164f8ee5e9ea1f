// The query page's script (paradiplo serve and paradiplo site): no library, works offline.
const QUERIES = __QUERIES__, ENDPOINT = __ENDPOINT__;
const $ = id => document.getElementById(id);
$('examples').addEventListener('change', e => { if (QUERIES[e.target.value]) $('query').value = QUERIES[e.target.value]; });
function cell(t) {
  if (!t) return '';
  if (t.type === 'uri') { const a = document.createElement('a'); a.href = t.value; a.textContent = t.value; return a; }
  return document.createTextNode(t.value + (t['xml:lang'] ? ' @' + t['xml:lang'] : ''));
}
async function run() {
  $('error').textContent = ''; $('results').textContent = ''; $('status').textContent = 'running…';
  const started = performance.now();
  try {
    const r = await (window.PARADIPLO_RUN ? window.PARADIPLO_RUN($('query').value) :
      fetch(ENDPOINT, {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
        'Accept': 'application/sparql-results+json'}, body: $('query').value}).then(async resp => {
          if (!resp.ok) throw new Error(await resp.text()); return resp.json(); }));
    const table = document.createElement('table'); table.id = 'result-table';
    if (r.boolean !== undefined) { $('results').textContent = String(r.boolean); }
    else {
      const vars = r.head.vars, head = table.insertRow();
      vars.forEach(v => { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
      r.results.bindings.forEach(b => { const tr = table.insertRow(); vars.forEach(v => tr.insertCell().append(cell(b[v]))); });
      $('results').appendChild(table);
    }
    const n = r.results ? r.results.bindings.length : 1;
    $('status').textContent = n + ' rows in ' + Math.round(performance.now() - started) + ' ms';
  } catch (e) { $('error').textContent = String(e.message || e); $('status').textContent = ''; }
}
$('run').addEventListener('click', run);
