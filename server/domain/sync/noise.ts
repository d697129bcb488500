// Recognises auto-replies, bounces and bulk mail (issue 5 "Noise"): auto-replies are logged but
// marked, bounces mark the CRM email as bounced, bulk mail is recorded and not logged.

export type Classification = 'normal' | 'auto_reply' | 'bounce' | 'bulk';

export type NoiseInput = {
  /** Header map with lower-cased names (mailparser's `headers` / a header-fields fetch). */
  headers: Readonly<Record<string, string | readonly string[] | null | undefined>>;
  /** Full Content-Type value including parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType?: string | null;
  from?: string | null;
  subject?: string | null;
};

export type NoiseResult = { classification: Classification; signals: string[] };

function header(h: NoiseInput['headers'], name: string): string | null {
  const v = h[name];
  if (v == null) return null;
  const s = typeof v === 'string' ? v : v.join(', ');
  return s.trim().toLowerCase();
}

// Auto-reply subjects in en/no/sv/da/de/fr/es/nl/it, matched only at the start so "Re: out of
// office plans" from a person is not mistaken for one.
const AUTO_SUBJECT =
  /^(?:automatic reply|auto[- ]?reply|auto[- ]?response|out of (?:the )?office|autosvar|automatisk svar|fravær(?:smelding)?|frånvaro|abwesenheitsnotiz|abwesend|automatische antwort|réponse automatique|absence|respuesta automática|respuesta automatica|fuera de la oficina|automatisch antwoord|afwezig|risposta automatica|fuori sede)(?=$|[\s:：\-–—,.!(])/u;

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/;

function parseContentType(ct: string | null | undefined): { type: string; params: Map<string, string> } {
  const [typePart = '', ...rest] = (ct ?? '').split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, '').toLowerCase());
  }
  return { type: typePart.trim().toLowerCase(), params };
}

function fromAddress(raw: string | null | undefined): string {
  const s = (raw ?? '').trim().toLowerCase();
  const bracket = /<([^<>]*)>/.exec(s);
  return (bracket?.[1] ?? s).trim();
}

// RFC 3464 (DSN), RFC 3834 (Auto-Submitted), RFC 2369/2919 (List-*), RFC 8098 (MDN), and the
// Exchange/vacation headers. Precedence of outcomes: bounce > auto_reply > bulk > normal.
export function classifyNoise(input: NoiseInput): NoiseResult {
  const h = input.headers;
  const bounce: string[] = [];
  const auto: string[] = [];
  const bulk: string[] = [];

  const ct = parseContentType(input.contentType ?? header(h, 'content-type'));
  if (ct.type === 'multipart/report') {
    const reportType = ct.params.get('report-type');
    if (reportType === 'delivery-status') bounce.push('content-type:delivery-status');
    else if (reportType === 'disposition-notification') auto.push('content-type:read-receipt');
  }
  const from = fromAddress(input.from ?? header(h, 'from'));
  if (BOUNCE_SENDER.test(from)) bounce.push('from:mailer-daemon');
  if (header(h, 'x-failed-recipients')) bounce.push('x-failed-recipients');

  const autoSubmitted = header(h, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.split(/[;(\s]/)[0] !== 'no') auto.push(`auto-submitted:${autoSubmitted.split(/[;(\s]/)[0]}`);
  // Exchange puts this on its own auto-generated mail (OOF, recall, receipts); bulk senders use it
  // too, but those also carry List-* headers and land in bulk via the precedence below anyway.
  const suppress = header(h, 'x-auto-response-suppress');
  if (suppress && /\b(?:all|oof|autoreply)\b/.test(suppress)) auto.push('x-auto-response-suppress');
  if (header(h, 'x-autoreply') || header(h, 'x-autorespond') || header(h, 'x-autoresponder')) auto.push('x-autoreply');
  const precedence = header(h, 'precedence');
  if (precedence === 'auto_reply') auto.push('precedence:auto_reply');
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') bulk.push(`precedence:${precedence}`);
  const subject = (input.subject ?? header(h, 'subject') ?? '').normalize('NFC').trim().toLowerCase();
  if (AUTO_SUBJECT.test(subject)) auto.push('subject');

  if (header(h, 'list-id')) bulk.push('list-id');
  if (header(h, 'list-unsubscribe')) bulk.push('list-unsubscribe');

  if (bounce.length > 0) return { classification: 'bounce', signals: bounce };
  if (auto.length > 0) return { classification: 'auto_reply', signals: auto };
  if (bulk.length > 0) return { classification: 'bulk', signals: bulk };
  return { classification: 'normal', signals: [] };
}
