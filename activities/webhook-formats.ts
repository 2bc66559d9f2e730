import type { NoticeMessage } from '../domain/notices';
import type { Recipient } from '../domain/policy';

export type WebhookFormat = NonNullable<Recipient['webhook']>['format'];

/** The JSON body each chat tool's incoming webhook expects. Chinese first for WeCom and DingTalk. */
export function webhookBody(format: WebhookFormat, message: NoticeMessage, recipient: Recipient): unknown {
  switch (format) {
    case 'generic':
      return { ...message, recipient: { staffId: recipient.staffId, name: recipient.name, role: recipient.role } };
    case 'wecom': // 企业微信群机器人
      return {
        msgtype: 'markdown',
        markdown: { content: `**${message.title.zh}**\n${message.text.zh}\n<@${recipient.staffId}>` },
      };
    case 'dingtalk': // 钉钉自定义机器人
      return {
        msgtype: 'markdown',
        markdown: {
          title: message.title.zh,
          text: `### ${message.title.zh}\n${message.text.zh} @${recipient.staffId}`,
        },
        at: { atUserIds: [recipient.staffId] },
      };
    case 'slack':
      return {
        text: `${message.title.en}: ${message.text.en}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: message.title.en } },
          { type: 'section', text: { type: 'mrkdwn', text: `${message.text.en}\n_${message.text.zh}_` } },
        ],
      };
  }
}
