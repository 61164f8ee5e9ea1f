// The query page's script (paradiplo serve and paradiplo site): no library, works offline.
const QUERIES = __QUERIES__, PARAMS = __PARAMS__, PREFIXES = __PREFIXES__, ENDPOINT = __ENDPOINT__;
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
let chosen = '';
// a form for each parameter of the chosen library query, filled with its default
function showParams(name) {
  const box = $('params'); box.textContent = '';
  (PARAMS[name] || []).forEach(p => {
    const label = document.createElement('label'), input = document.createElement('input');
    input.name = p.name; input.value = p.default || ''; input.dataset.type = p.type; input.className = 'param';
    label.append(p.name + ' (' + p.type + ') ', input, ' ' + (p.description || ''));
    box.append(label, document.createElement('br'));
  });
}
$('examples').addEventListener('change', e => {
  chosen = e.target.value;
  if (QUERIES[chosen]) setQuery(QUERIES[chosen]);
  showParams(chosen);
});
const XSD = 'http://www.w3.org/2001/XMLSchema#';
// a parameter's value as a SPARQL term, checked as paradiplo query run checks it
function term(type, raw) {
  raw = raw.trim();
  const typed = (ok, text) => { if (!ok) throw new Error('parameter value ' + JSON.stringify(raw) + ' is not ' + type); return text; };
  if (type === 'iri') {
    let iri = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw;
    const m = /^([A-Za-z][\w.-]*|):(.*)$/.exec(iri);
    if (m && !iri.includes('://') && PREFIXES[m[1]] !== undefined) iri = PREFIXES[m[1]] + m[2];
    return typed(/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri), '<' + iri + '>');
  }
  if (type === 'integer') return typed(/^[+-]?\d+$/.test(raw), '"' + raw + '"^^<' + XSD + 'integer>');
  if (type === 'decimal') return typed(/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw), '"' + raw + '"^^<' + XSD + 'decimal>');
  if (type === 'date') return typed(/^\d{4}-\d\d-\d\d$/.test(raw), '"' + raw + '"^^<' + XSD + 'date>');
  if (type === 'year') return typed(/^-?\d{4}$/.test(raw), '"' + raw + '"^^<' + XSD + 'gYear>');
  if (type === 'boolean') return typed(/^(true|false)$/i.test(raw), raw.toLowerCase());
  return JSON.stringify(raw);
}
// the query with each parameter bound as the engine binds it for the command line: its
// value wherever the variable is in a pattern, and a BIND at the start of the WHERE of
// each SELECT that projects it (so the column keeps its name, for GROUP BY and ORDER BY too)
function bindText(text, values) {
  const re = /'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n\r]*|:(?:[\w.\-:%]|\\.)*|[?$]([\w\u00B7\u00C0-\uFFFF]+)|\b(SELECT|WHERE|GROUP\s+BY|ORDER\s+BY|HAVING|LIMIT|OFFSET|VALUES)\b|[{}()*]/gi;
  let where = 'body', depth = 0, projected = null;
  const binds = () => Object.keys(values).filter(v => projected && (projected.star || projected.vars.has(v)))
    .map(v => ' BIND (' + values[v] + ' AS ?' + v + ')').join('');
  return text.replace(re, (tok, v, kw) => {
    if (kw) {
      const k = kw.toUpperCase().replace(/\s+/g, ' ');
      if (k === 'SELECT') { where = 'head'; projected = {vars: new Set(), star: false}; }
      else if (k === 'WHERE' && where === 'head') where = 'where';
      else where = k === 'GROUP BY' || k === 'ORDER BY' || k === 'HAVING' ? 'modifier' : 'body';
      depth = 0;
      return tok;
    }
    if (tok === '{') {
      const opening = where === 'head' || where === 'where';
      where = 'body';
      return opening ? '{' + binds() : tok;
    }
    if (tok === '}') { where = 'body'; return tok; }
    if (tok === '(' || tok === ')') { depth += tok === '(' ? 1 : -1; return tok; }
    if (tok === '*') { if (where === 'head' && depth === 0) projected.star = true; return tok; }
    if (!v || values[v] === undefined) return tok;
    if (where === 'head') { if (depth === 0) projected.vars.add(v); return tok; }
    return where === 'modifier' ? tok : values[v];
  });
}
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
async function ask(text, named, given) {
  if (window.PARADIPLO_RUN) return window.PARADIPLO_RUN(text);
  const url = named ? BASE + '/queries/' + encodeURIComponent(named) + '?' + new URLSearchParams(given) : ENDPOINT;
  const resp = await fetch(url, named ? {headers: {'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}} :
    {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
      'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}, body: text});
  if (!resp.ok) throw new Error(await resp.text());
  return (resp.headers.get('content-type') || '').startsWith('text/turtle') ? {turtle: await resp.text()} : resp.json();
}
async function run() {
  $('error').textContent = ''; $('results').textContent = ''; $('status').textContent = 'running…';
  const started = performance.now();
  try {
    let text = getQuery(), named = '';
    const inputs = [...document.querySelectorAll('#params input.param')], given = {}, values = {};
    inputs.forEach(i => { given[i.name] = i.value; values[i.name] = term(i.dataset.type, i.value); });
    if (inputs.length) {
      if (!window.PARADIPLO_RUN && text === QUERIES[chosen]) named = chosen;  // the server binds as the command does
      else text = bindText(text, values);
    }
    const r = await ask(text, named, given);
    let n = 1;
    if (r.turtle !== undefined) {  // CONSTRUCT, DESCRIBE: the graph as Turtle
      const pre = document.createElement('pre'); pre.id = 'result-graph'; pre.textContent = r.turtle;
      $('results').appendChild(pre); n = r.turtle.split('\n').filter(l => /\.\s*$/.test(l)).length;
    } else if (r.boolean !== undefined) { $('results').textContent = String(r.boolean); }
    else {
      const table = document.createElement('table'); table.id = 'result-table';
      const vars = r.head.vars, head = table.insertRow();
      vars.forEach(v => { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
      r.results.bindings.forEach(b => { const tr = table.insertRow(); vars.forEach(v => tr.insertCell().append(cell(b[v]))); });
      const wrap = document.createElement('div'); wrap.style.overflowX = 'auto'; wrap.appendChild(table);
      $('results').appendChild(wrap); n = r.results.bindings.length;
    }
    $('status').textContent = n + (r.turtle !== undefined ? ' statements' : ' rows') + ' in ' +
      Math.round(performance.now() - started) + ' ms';
  } catch (e) { $('error').textContent = String(e.message || e); $('status').textContent = ''; }
}
$('run').addEventListener('click', run);
