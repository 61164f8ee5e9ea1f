// The query page's script (paradiplo serve and paradiplo site): no library, works offline.
const QUERIES = __QUERIES__, ENDPOINT = __ENDPOINT__;
const $ = id => document.getElementById(id);
// YASQE (vendored YASGUI) as the editor when it loaded; else the plain text area
if (window.Yasqe) {
  const area = $('query'), holder = document.createElement('div');
  area.style.display = 'none'; area.parentNode.insertBefore(holder, area);
  window.PARADIPLO_EDITOR = new window.Yasqe(holder, {value: area.value, persistenceId: null, showQueryButton: false,
    createShareableLink: null, autocompleters: ['variables'], editorHeight: '280px', resizeable: true});
}
const getQuery = () => window.PARADIPLO_EDITOR ? window.PARADIPLO_EDITOR.getValue() : $('query').value;
const setQuery = text => window.PARADIPLO_EDITOR ? window.PARADIPLO_EDITOR.setValue(text) : ($('query').value = text);
$('examples').addEventListener('change', e => { if (QUERIES[e.target.value]) setQuery(QUERIES[e.target.value]); });
const BASE = window.PARADIPLO_BASE !== undefined ? window.PARADIPLO_BASE : ENDPOINT.replace(/\/sparql$/, '');
const LOCAL = [['https://w3id.org/paradiplo/id/', 'pd:', '/id/'], ['https://w3id.org/paradiplo/vocab/', '', '/vocab/'],
               ['https://w3id.org/paradiplo/ontology#', 'pdo:', '/ontology#']];
function cell(t) {
  if (!t) return '';
  if (t.type === 'uri') {
    for (const [ns, prefix, path] of LOCAL) {
      if (t.value.startsWith(ns)) {  // a paradiplo IRI opens as its page here
        const a = document.createElement('a'), rest = t.value.slice(ns.length);
        const suffix = window.PARADIPLO_PAGE_SUFFIX || '';  // '.html' on the static site
        a.href = path === '/ontology#' ? BASE + '/ontology' + suffix + '#' + rest : BASE + path + rest + suffix;
        a.textContent = prefix ? prefix + rest : rest.replace('/', ':');
        return a;
      }
    }
    // only http(s) addresses become links: javascript:, data:, file: ... are shown as text
    const a = document.createElement(/^https?:\/\//i.test(t.value) ? 'a' : 'span');
    if (a.tagName === 'A') a.href = t.value;
    a.textContent = t.value;
    return a;
  }
  const span = document.createElement('span'); span.textContent = t.value;
  if (t['xml:lang']) { const l = document.createElement('sub'); l.className = 'basis'; l.textContent = ' ' + t['xml:lang']; span.append(l); }
  return span;
}
async function run() {
  $('error').textContent = ''; $('results').textContent = ''; $('status').textContent = 'running…';
  const started = performance.now();
  try {
    const r = await (window.PARADIPLO_RUN ? window.PARADIPLO_RUN(getQuery()) :
      fetch(ENDPOINT, {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
        'Accept': 'application/sparql-results+json'}, body: getQuery()}).then(async resp => {
          if (!resp.ok) throw new Error(await resp.text()); return resp.json(); }));
    const table = document.createElement('table'); table.id = 'result-table';
    if (r.boolean !== undefined) { $('results').textContent = String(r.boolean); }
    else {
      const vars = r.head.vars, head = table.insertRow();
      vars.forEach(v => { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
      r.results.bindings.forEach(b => { const tr = table.insertRow(); vars.forEach(v => tr.insertCell().append(cell(b[v]))); });
      const wrap = document.createElement('div'); wrap.style.overflowX = 'auto'; wrap.appendChild(table);
      $('results').appendChild(wrap);
    }
    const n = r.results ? r.results.bindings.length : 1;
    $('status').textContent = n + ' rows in ' + Math.round(performance.now() - started) + ' ms';
  } catch (e) { $('error').textContent = String(e.message || e); $('status').textContent = ''; }
}
$('run').addEventListener('click', run);
