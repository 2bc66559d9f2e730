// 首问责任 on the detail page: who owns the complaint, hand-over to a colleague, take it.
import { toast } from './app.js';
import { ApiError, get } from './api.js';
import { h } from './dom.js';
import { label, ROLES, t } from './i18n.js';
import { openDialog } from './forms.js';
import { isUnowned, loadTiers, mayOwn, rungTier } from './ownership.js';

/** "Owner: 张经理 · Service manager", and a warning when the owner cannot act on the rung. */
export function ownerLine(c) {
  const o = c.owner;
  if (!o) return null;
  const warning = h('span.badge.unowned', { hidden: true }, t('ownerCannotAct'));
  loadTiers().then(
    () => {
      warning.hidden = !isUnowned(c);
    },
    () => undefined,
  );
  return h(
    'p.owner-line',
    { dataset: { owner: o.id } },
    h('span.muted', `${t('owner')}: `),
    h('strong', o.name ?? o.id),
    ` · ${label(ROLES, o.role)}`,
    warning,
  );
}

/** Take and Hand over, as GET /v1/complaints/{id}/actions allows them (the workflow's handOver rule). */
export function ownerButtons(me, c, perms, act) {
  const may = (name) => perms.actions.some((a) => a.action === name && a.allowed);
  return h(
    'div.owner-actions',
    may('take') ? button('take', 'primary', () => act('take', {}, t('taken'))) : null,
    may('handOver') ? button('handOver', '', () => openHandOver(me, c, act)) : null,
  );
}

function button(action, kind, run) {
  return h(
    `button.btn.block${kind ? `.${kind}` : ''}`,
    {
      type: 'button',
      dataset: { action },
      onclick: async (e) => {
        const b = e.currentTarget;
        b.disabled = true;
        try {
          await run();
        } catch (err) {
          toast(err.message, 'error');
        } finally {
          b.disabled = false;
        }
      },
    },
    t(action),
  );
}

/** Colleagues of the dealer who may own the rung, by the hand-over's rule, never the owner. */
async function openHandOver(me, c, act) {
  const [{ staff }] = await Promise.all([get(`/v1/staff?dealerId=${encodeURIComponent(c.dealerId)}`), loadTiers()]);
  const allowed = staff.filter((s) => s.id !== c.owner.id && mayOwn(s.role, c.stage));
  if (!allowed.length) {
    toast(t('noColleague'), 'error');
    return;
  }
  openDialog({
    action: 'handOver',
    title: `${t('handOver')} · ${c.complaintId}`,
    intro: t('handOverIntro').replace('{tier}', String(rungTier(c.stage))),
    fields: [
      {
        name: 'to',
        label: t('colleague'),
        type: 'select',
        required: true,
        options: [
          { value: '', label: t('chooseColleague') },
          ...allowed.map((s) => ({
            value: s.id,
            label: `${s.name} · ${label(ROLES, s.role)}${s.id === me.id ? ` (${t('itsMe')})` : ''}`,
          })),
        ],
      },
      { name: 'note', label: t('handOverNote'), type: 'textarea', required: true, wide: true },
    ],
    submitLabel: t('handOver'),
    onSubmit: async (values) => {
      try {
        await act('hand-over', values, t('handedOver'));
      } catch (err) {
        throw inPlace(err);
      }
    },
  });
}

/** The refusals a hand-over can meet, said in the page's language, with the server's reason after. */
function inPlace(err) {
  if (!(err instanceof ApiError) || ![403, 404, 409].includes(err.status)) return err;
  return new ApiError(err.status, {
    error: err.code,
    message: `${t(`handOver${err.status}`)} (${err.message})`,
    details: err.details,
  });
}
