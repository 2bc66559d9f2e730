import { h } from './dom.js';
import { label, QUEUE_LABELS, t } from './i18n.js';
import { onMyTier } from './ownership.js';

/**
 * What a complaint waits on the viewer for, by the rules of the queues (api/queues.ts): owned by
 * me, a remedy my role could approve, or unowned on a rung my tier takes.
 */
export function waitsOn(me, { item, complaint, stage }) {
  const status = complaint?.status ?? item.status;
  if (status === 'closed') return [];
  const owner = complaint?.owner?.id ?? item.owner;
  const out = [];
  if (owner === me.id) out.push('mine');
  // The queue cannot leave out my own proposals (four eyes); the card can, once it has the remedies.
  const mineToApprove =
    !complaint || complaint.remedies.some((r) => r.status === 'awaiting_approval' && r.proposedBy?.id !== me.id);
  if ((item.awaitingApprovalBy ?? []).includes(me.role) && mineToApprove) out.push('approval');
  if (item.unowned && owner !== me.id && onMyTier(me, stage)) out.push('take');
  return out;
}

const WAIT_TEXT = {
  mine: ['waitsMine', 'waitsMineHint'],
  approval: ['waitsApproval', 'waitsApprovalHint'],
  take: ['waitsTake', 'waitsTakeHint'],
};

/** The badges for waitsOn, each with its reason as a title. */
export const waitBadges = (waits) =>
  waits.map((w) =>
    h(`span.badge.waits.waits-${w}`, { title: t(WAIT_TEXT[w][1]), dataset: { waits: w } }, t(WAIT_TEXT[w][0])),
  );

/**
 * The queue bar: one toggle per queue GET /v1/queues names, with its count. onToggle(name | null)
 * when one is pressed; pressing the pressed one again shows everything.
 */
export function queueBar(onToggle) {
  let active = null;
  const buttons = new Map();
  const el = h('div.queue-bar', { role: 'group', 'aria-label': t('queues') });
  const button = (name) => {
    const count = h('span.queue-count');
    const b = h(
      'button.queue',
      {
        type: 'button',
        'aria-pressed': String(name === active),
        dataset: { queue: name },
        onclick: () => onToggle(active === name ? null : name),
      },
      h('span.queue-name', label(QUEUE_LABELS, name)),
      count,
    );
    el.append(b);
    buttons.set(name, { el: b, count });
    return buttons.get(name);
  };
  return {
    el,
    setActive(name) {
      active = name;
      for (const [n, b] of buttons) b.el.setAttribute('aria-pressed', String(n === name));
    },
    /** GET /v1/queues's answer; only counts that changed are touched. */
    setCounts({ queues }) {
      for (const q of queues) {
        const b = buttons.get(q.name) ?? button(q.name);
        if (b.count.textContent === String(q.count)) continue;
        b.count.textContent = String(q.count);
        b.el.classList.toggle('has-items', q.count > 0);
      }
    },
  };
}
