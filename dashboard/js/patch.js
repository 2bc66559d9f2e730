/**
 * Puts `nodes` into `parent` in this order, moving only what is out of place, so a poll leaves
 * focus, scroll and selection alone. Other children go, except those in `shownElsewhere`: another
 * container's call moves them (a card that climbed a column), and removing one first would drop
 * its focus. moveBefore keeps focus on a moved node; where the browser lacks it, focus is given back.
 */
export function placeChildren(parent, nodes, shownElsewhere = new Set()) {
  const active = document.activeElement;
  nodes.forEach((node, i) => {
    const at = parent.children[i] ?? null;
    if (at === node) return;
    if (parent.moveBefore && node.isConnected) parent.moveBefore(node, at);
    else parent.insertBefore(node, at);
  });
  for (const child of [...parent.children].slice(nodes.length)) if (!shownElsewhere.has(child)) child.remove();
  if (active && active !== document.activeElement && active.isConnected) active.focus({ preventScroll: true });
}

/**
 * Keyed views: one element per key for as long as the key is shown. `build(el)` fills the element
 * again only when `sig` (what it shows) changed, so an unchanged card is never touched.
 */
export function keyedViews(create) {
  const views = new Map();
  return {
    get(key, sig, build) {
      let view = views.get(key);
      if (!view) {
        view = { el: create(key), sig: undefined };
        views.set(key, view);
      }
      if (view.sig !== sig) {
        view.sig = sig;
        build(view.el);
      }
      return view.el;
    },
    /** Forgets the keys not shown any more. */
    keep(keys) {
      for (const key of views.keys()) if (!keys.has(key)) views.delete(key);
    },
  };
}
