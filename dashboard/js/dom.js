/** h('div#id.card.warn', { onclick }, child, 'text'): a tiny element builder, no framework. */
export function h(tag, attrs, ...children) {
  const [head, ...classes] = tag.split('.');
  const [name, id] = head.split('#');
  const el = document.createElement(name || 'div');
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = [el.className, value].filter(Boolean).join(' ');
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : text(el, String(child)));
  }
}

// Bidirectional embeddings, overrides, isolates and marks: a right-to-left override in a customer's
// name must not flip the text after it, so such text is isolated in a <bdi> (direction: its own).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// C0 and C1 controls but tab and newline: shown as visible escapes, never acted on.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const visible = (ch) => `\\u{${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;
/** Where an element cannot hold a <bdi> (an option's text), the bidi characters are shown as escapes. */
const TEXT_ONLY = new Set(['OPTION', 'TEXTAREA', 'TITLE']);

/** A text child, made safe to show: controls visible, bidi text isolated. */
export function text(parent, value) {
  const clean = value.replace(CONTROL, visible);
  if (!BIDI.test(clean)) return document.createTextNode(clean);
  if (TEXT_ONLY.has(parent.tagName))
    return document.createTextNode(clean.replace(new RegExp(BIDI.source, 'g'), visible));
  const isolated = document.createElement('bdi');
  isolated.textContent = clean;
  return isolated;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The same for SVG: attributes are set as given. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs))
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}
