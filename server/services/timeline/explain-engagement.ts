import { explainMatch, type MatchDecision } from '@/server/domain/threads/reply-match';

// "Why is this here?" (issue 7): one sentence plus the evidence, from what the sync or composer recorded
// in engagement.match_reason. Unknown shapes still produce a readable answer, never raw JSON.

export type WhyHere = { summary: string; details: { label: string; value: string }[] };

type Recorded = Partial<MatchDecision> & {
  rule?: string;
  replyTo?: string;
  captureReason?: string;
  noise?: unknown;
  via?: string;
  matchedId?: string;
  header?: string;
  source?: string;
  sharedParticipants?: string[];
};

const KIND_TEXT: Record<string, string> = {
  sent_from_timeline: 'Sent from this contact’s timeline in the CRM.',
  sequence: 'Sent by a sequence in the CRM.',
  bcc_logged: 'Logged because the email was sent or forwarded to your account’s BCC logging address.',
  logged_reply: 'Logged because it belongs to a conversation the CRM is tracking.',
};

// PRODUCT #6/#7: which header matched which CRM-sent id, or which fallback rule was used.
export function explainEngagement(input: { kind: string; matchReason: unknown; mailboxAddress: string | null; createdByName: string | null; classification: string }): WhyHere {
  const r = (input.matchReason && typeof input.matchReason === 'object' ? input.matchReason : {}) as Recorded;
  const details: WhyHere['details'] = [];
  let summary = KIND_TEXT[input.kind] ?? 'Logged by the CRM.';
  if (r.rule === 'sent-from-crm') {
    summary = input.createdByName ? `Sent from the CRM by ${input.createdByName}.` : summary;
    if (r.replyTo) details.push({ label: 'In reply to', value: `<${r.replyTo}>` });
  } else if (typeof r.matched === 'boolean' && (r.matched === false || typeof r.via === 'string')) {
    summary = explainMatch(r as MatchDecision);
    if (r.header) details.push({ label: 'Matched header', value: r.header });
    if (r.matchedId) details.push({ label: 'CRM message id', value: `<${r.matchedId}>` });
    if (r.source) details.push({ label: 'That id came from', value: r.source === 'sent' ? 'an email sent from the CRM' : r.source === 'bcc' ? 'an email logged by BCC' : r.source === 'reply' ? 'an earlier logged reply' : String(r.source) });
    if (r.via === 'subject-participants' || r.via === 'thread-index') details.push({ label: 'Fallback rule', value: r.via === 'thread-index' ? 'Outlook Thread-Index' : 'Same subject and shared participants within 30 days' });
    if (Array.isArray(r.sharedParticipants) && r.sharedParticipants.length) details.push({ label: 'Shared participants', value: r.sharedParticipants.join(', ') });
  }
  if (input.mailboxAddress) details.push({ label: 'Mailbox', value: input.mailboxAddress });
  if (input.classification !== 'normal') {
    details.push({ label: 'Recognised as', value: input.classification === 'auto_reply' ? 'an automatic reply' : input.classification === 'bounce' ? 'a bounce (delivery failure)' : 'bulk mail' });
  }
  return { summary, details };
}
