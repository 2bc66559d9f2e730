import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import type { CustomerChannel, CustomerDelivery } from '../domain/customer-notices';
import { maskPhone } from '../domain/phone';
import { traceContextOf } from '../tracing/carrier';
import { signRequest } from '../config/request-signature';

/** Gateway answers that mean "not now" rather than "never": Temporal retries them. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * Delivers one customer notice (知情权): through a generic SMS-gateway webhook, or to the worker
 * log for the demo. The raw phone goes to the gateway only; the log and every error carry the
 * masked one. Gateways dedupe on Idempotency-Key = message.key, so a retry never sends twice.
 */
export function createCustomerNotifier(deps: {
  fetch: typeof fetch;
  log: Logger;
  timeoutMs?: number;
  webhookSecret?: Buffer | undefined;
}) {
  return {
    async deliverCustomerNotice({
      message,
      phone,
      channel,
    }: CustomerDelivery): Promise<{ channel: CustomerChannel['kind'] }> {
      if (channel.kind === 'sms_webhook') {
        const body = JSON.stringify({
          to: phone,
          text: message.text,
          template: message.template,
          language: message.language,
          complaintId: message.complaintId,
          dealerId: message.dealerId,
          key: message.key,
        });
        const response = await deps.fetch(channel.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.key,
            ...traceContextOf(), // a receiver may continue the trace
            ...(deps.webhookSecret ? signRequest(deps.webhookSecret, body) : {}),
          },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        });
        if (!response.ok) {
          // The host only: gateway URLs often carry an API key, and this message lands in history.
          const refused = `SMS gateway ${new URL(channel.url).host} answered ${response.status} for ${message.key} to ${maskPhone(phone)}`;
          // A 4xx is the gateway refusing this notice (a bad number, a blocked template): retrying
          // forever would never deliver it, so the workflow gets a failure it can record instead.
          if (response.status < 500 && !RETRYABLE_4XX.has(response.status))
            throw ApplicationFailure.nonRetryable(refused, 'CustomerNoticeRefused');
          throw new Error(refused);
        }
      }
      deps.log.info(
        {
          customerNotice: message.key,
          template: message.template,
          complaintId: message.complaintId,
          dealerId: message.dealerId,
          language: message.language,
          phone: maskPhone(phone),
          text: message.text,
          via: channel.kind,
        },
        'customer notified',
      );
      return { channel: channel.kind };
    },
  };
}
