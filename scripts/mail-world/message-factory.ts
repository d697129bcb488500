// Builds realistic RFC 5322 messages fast from a seeded PRNG: threads with proper References,
// display names (some RFC 2047-encoded), multipart/alternative bodies and some attachments, 2–50 KB each.

export type Rng = () => number;

// mulberry32: tiny, fast and deterministic, so a seed reproduces the same mailbox.
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Alice', 'Bob', 'Carla', 'David', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marta', 'Noah', 'Olivia', 'Pierre', 'Qin', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Smith', 'Garcia', 'Novak', 'Okafor', 'Schmidt', 'Rossi', 'Kowalski', 'Dubois', 'Tanaka', 'Silva', 'Jensen', 'Murphy', 'Haddad', 'Larsen', 'Petrov'];
const ENCODED = ['=?UTF-8?Q?Ren=C3=A9e_M=C3=BCller?=', '=?UTF-8?B?5bGx55Sw5aSq6YOO?=', '=?UTF-8?Q?J=C3=B8rgen_=C3=85berg?='];
const COMPANIES = ['acme.example', 'globex.example', 'initech.example', 'umbrella.example', 'hooli.example', 'vandelay.example'];
const TOPICS = ['Q3 renewal', 'pricing for 40 seats', 'onboarding call', 'contract redlines', 'invoice #4471', 'security questionnaire', 'demo follow-up', 'partnership proposal', 'support escalation', 'trial extension'];
const SENTENCES = [
  'Thanks for taking the time to walk us through the platform yesterday.',
  'I have shared the proposal with our finance team and expect feedback by Friday.',
  'Could you send over the updated quote including the onboarding package?',
  'We are still comparing a couple of options, but yours is on the shortlist.',
  'Let me know which time works best for a follow-up call next week.',
  'Our legal team had a few questions about the data processing addendum.',
  'Attached you will find the signed order form and the purchase order.',
  'The integration with our existing tools is the main concern on our side.',
  'I am out of office until Monday, please reach out to my colleague meanwhile.',
  'Happy to set up a short call with our CTO to go through the architecture.',
  'We would like to extend the pilot by two weeks to include the support team.',
  'Please find my comments inline below, most points are minor wording changes.',
];

const pick = <T>(rng: Rng, a: readonly T[]): T => a[Math.floor(rng() * a.length)] as T;

function wrap(text: string, width = 76): string {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line.length + w.length + 1 > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.join('\n');
}

export function makeSubject(rng: Rng): string {
  return `${pick(rng, ['Question about ', 'Follow-up: ', 'Update on ', ''])}${pick(rng, TOPICS)}`;
}

export interface Person {
  name: string;
  address: string;
}

export function makePerson(rng: Rng): Person {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const name = rng() < 0.05 ? pick(rng, ENCODED) : `${first} ${last}`;
  return { name, address: `${first}.${last}@${pick(rng, COMPANIES)}`.toLowerCase() };
}

const fmt = (p: Person) => (p.name.startsWith('=?') ? `${p.name} <${p.address}>` : `"${p.name}" <${p.address}>`);

export class MessageFactory {
  private readonly paragraphs: string[] = [];
  private readonly b64: string;

  constructor(private readonly rng: Rng) {
    for (let i = 0; i < 64; i++) {
      const n = 2 + Math.floor(rng() * 5);
      const s: string[] = [];
      for (let j = 0; j < n; j++) s.push(pick(rng, SENTENCES));
      this.paragraphs.push(wrap(s.join(' ')));
    }
    // A pool of pseudo-random base64 lines for attachments (bytes need not be meaningful, only well-formed).
    const bytes = Buffer.alloc(48 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rng() * 256);
    this.b64 = bytes.toString('base64').replace(/.{76}/g, '$&\n');
  }

  private body(chars: number): string[] {
    const parts: string[] = [];
    let len = 0;
    while (len < chars) {
      const p = pick(this.rng, this.paragraphs);
      parts.push(p);
      len += p.length + 2;
    }
    return parts;
  }

  // One message; target size is approximate (the caller draws it from the 2–50 KB distribution).
  build(m: {
    messageId: string;
    from: Person;
    to: Person;
    subject: string;
    date: Date;
    inReplyTo?: string;
    references: string[];
    targetBytes: number;
    attachment: boolean;
  }): string {
    const boundary = `b${Math.floor(this.rng() * 1e12).toString(36)}`;
    const headers = [
      `Return-Path: <${m.from.address}>`,
      `Message-ID: ${m.messageId}`,
      `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
      `From: ${fmt(m.from)}`,
      `To: ${fmt(m.to)}`,
      `Subject: ${m.subject}`,
      ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
      ...(m.references.length ? [`References: ${m.references.slice(-10).join('\n ')}`] : []),
      'MIME-Version: 1.0',
    ];
    const attachBytes = m.attachment ? Math.max(1024, m.targetBytes - 3500) : 0;
    const textChars = Math.max(300, Math.floor((m.targetBytes - attachBytes - 900) / 2.2));
    const paras = this.body(textChars);
    const text = `Hi ${m.to.name.split(' ')[0]},\n\n${paras.join('\n\n')}\n\nBest regards,\n${m.from.name}\n`;
    const html = `<html><body><p>Hi ${m.to.name.split(' ')[0]},</p>\n${paras.map((p) => `<p>${p}</p>`).join('\n')}\n<p>Best regards,<br>${m.from.name}</p></body></html>\n`;
    const alt = [
      `--alt${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 7bit',
      '',
      text,
      `--alt${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: 7bit',
      '',
      html,
      `--alt${boundary}--`,
      '',
    ].join('\n');
    if (!m.attachment) {
      return `${headers.join('\n')}\nContent-Type: multipart/alternative; boundary="alt${boundary}"\n\n${alt}`;
    }
    const start = Math.floor(this.rng() * 100) * 77;
    const b64Len = Math.min(Math.floor(attachBytes / 77) * 77, this.b64.length - start); // wire bytes, not decoded
    const name = `${pick(this.rng, ['proposal', 'invoice', 'contract', 'notes', 'quote'])}-${Math.floor(this.rng() * 9000 + 1000)}.pdf`;
    return [
      headers.join('\n'),
      `Content-Type: multipart/mixed; boundary="mix${boundary}"`,
      '',
      `--mix${boundary}`,
      `Content-Type: multipart/alternative; boundary="alt${boundary}"`,
      '',
      alt,
      `--mix${boundary}`,
      `Content-Type: application/pdf; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      this.b64.slice(start, start + b64Len).trimEnd(),
      `--mix${boundary}--`,
      '',
    ].join('\n');
  }
}
