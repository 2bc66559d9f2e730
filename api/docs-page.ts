/**
 * A self-contained reference page over /v1/openapi.json: no CDN and no bundled UI, so it works
 * offline on the embedded stack. It lists every operation with its parameters, body and responses.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Complaint Ladder API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem 1.5rem; color: #222; }
  h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ddd; margin-top: 2rem; }
  details { border: 1px solid #ddd; border-radius: 6px; margin: .5rem 0; padding: .4rem .8rem; }
  summary { cursor: pointer; } code, pre { font: 13px/1.4 ui-monospace, monospace; }
  pre { background: #f6f8fa; padding: .6rem; overflow: auto; max-height: 24rem; }
  .m { display: inline-block; min-width: 3.5rem; font-weight: 600; }
  .GET { color: #0a6; } .POST { color: #06c; }
  table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
</style>
</head>
<body>
<h1 id="title">Complaint Ladder API</h1>
<p>Machine-readable document: <a href="/v1/openapi.json">/v1/openapi.json</a></p>
<div id="intro"></div>
<div id="ops">Loading…</div>
<script>
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/v1/openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  document.getElementById('intro').innerHTML = '<p>' + esc(doc.info.description) + '</p>';
  const byTag = Object.create(null); // keyed by tag names: no inherited "constructor"
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      (byTag[tag] = byTag[tag] || []).push({ path, method: method.toUpperCase(), op });
    }
  }
  let html = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of ops) {
      html += '<details><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) + '</code> — ' + esc(op.summary) + '</summary>';
      if (op.description) html += '<p>' + esc(op.description) + '</p>';
      if (op.parameters && op.parameters.length) {
        html += '<table><tr><th>in</th><th>name</th><th>required</th><th>schema</th></tr>';
        for (const p of op.parameters) html += '<tr><td>' + esc(p.in) + '</td><td><code>' + esc(p.name) + '</code></td><td>' + (p.required ? 'yes' : '') + '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>';
        html += '</table>';
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      if (body) html += '<h4>Request body</h4>' + json(body.schema);
      for (const [status, res] of Object.entries(op.responses || {})) {
        const schema = res.content && res.content['application/json'] && res.content['application/json'].schema;
        html += '<h4>' + esc(status) + ' ' + esc(res.description) + '</h4>' + (schema ? json(schema) : '');
      }
      html += '</details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
}).catch((e) => { document.getElementById('ops').textContent = 'Could not load the OpenAPI document: ' + e; });
</script>
</body>
</html>
`;
