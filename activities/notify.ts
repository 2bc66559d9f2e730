import type { Logger } from 'pino';
import type { NoticeMessage } from '../domain/notices';
import type { Recipient } from '../domain/policy';
import { traceContextOf } from '../tracing/carrier';
import { signRequest } from '../config/request-signature';
import { webhookBody } from './webhook-formats';

export interface NoticeDelivery {
  message: NoticeMessage;
  recipient: Recipient;
}

/**
 * Delivers one notice to one staff member: a structured log line always, and a webhook POST when
 * the roster names one. Failures throw so Temporal retries; receivers dedupe on Idempotency-Key.
 */
export function createNotifier(deps: {
  fetch: typeof fetch;
  log: Logger;
  timeoutMs?: number;
  webhookSecret?: Buffer | undefined;
}) {
  return {
    async deliverNotice({ message, recipient }: NoticeDelivery): Promise<void> {
      const webhook = recipient.webhook;
      if (webhook) {
        const body = JSON.stringify(webhookBody(webhook.format, message, recipient));
        const response = await deps.fetch(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${message.key}:${recipient.staffId}`,
            ...traceContextOf(), // a receiver may continue the trace
            ...(deps.webhookSecret ? signRequest(deps.webhookSecret, body) : {}),
          },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        });
        if (!response.ok) throw new Error(`webhook ${webhook.url} answered ${response.status} for ${message.key}`);
      }
      deps.log.info(
        {
          notice: message.key,
          kind: message.kind,
          complaintId: message.complaintId,
          stage: message.stage,
          staffId: recipient.staffId,
          role: recipient.role,
          via: webhook?.format ?? 'log',
        },
        'staff notified',
      );
    },
  };
}
