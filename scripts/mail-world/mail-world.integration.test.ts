import { describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import net from 'node:net';
import { mailWorld } from '@/test/mail-world';
import { createFaultProxy } from './fault-proxy';
import { generateMessages } from './generator';
import { changeUidValidity, createUniqueMailUser, deliverRaw, folderStatus, replyAs, setAutoFileSent } from './helpers';
import { imapClient, smtpTransport, withImap } from './test-clients';
import { startMailWorld } from './world';

const info = mailWorld();
const port = info.imap.specialUse;

async function status(c: ImapFlow, path: string) {
  const s = await c.status(path, { uidValidity: true, messages: true });
  if (!s) throw new Error(`STATUS ${path} failed`);
  return s;
}

function rawMessage(subject: string, messageId: string): string {
  return `From: Contact <contact@acme.example>\nTo: someone@mailroom.test\nSubject: ${subject}\nMessage-ID: ${messageId}\nDate: ${new Date().toUTCString()}\n\nHello there.\n`;
}

describe('SMTP submission really delivers', () => {
  it('delivers to a local INBOX, puts unknown recipients into the catch-all, and files no Sent copy by default', async () => {
    const a = await createUniqueMailUser(info, 'sender');
    const b = await createUniqueMailUser(info, 'rcpt');
    const outsider = `someone-${Date.now()}@elsewhere.example`;
    const sent = await smtpTransport(info, { user: a.email, pass: a.password }).sendMail({
      from: a.email,
      to: [b.email, outsider],
      subject: 'Quarterly numbers',
      text: 'See you soon',
    });
    expect(sent.accepted).toEqual([b.email, outsider]);

    const inbox = await withImap(info, port.plainPort, { user: b.email, pass: b.password }, async (c) => {
      await c.mailboxOpen('INBOX');
      return c.fetchOne('*', { envelope: true });
    });
    expect(inbox && inbox.envelope?.messageId).toBe(sent.messageId);
    expect(inbox && inbox.envelope?.subject).toBe('Quarterly numbers');

    const world = await withImap(info, port.plainPort, { user: info.catchAllEmail, pass: 'password' }, async (c) => {
      await c.mailboxOpen('INBOX');
      const found = await c.search({ header: { 'x-original-to': outsider } }, { uid: true });
      return found || [];
    });
    expect(world).toHaveLength(1);
    expect((await folderStatus(info, a.email, 'Sent')).messages).toBe(0);
  });

  it('files a copy into the sender\'s Sent folder when told to act like Gmail/Office 365 (PRODUCT #10)', async () => {
    const a = await createUniqueMailUser(info, 'gmailish');
    const b = await createUniqueMailUser(info, 'rcpt');
    await setAutoFileSent(info, { email: a.email, enabled: true });
    await smtpTransport(info, { user: a.email, pass: a.password }, info.smtp.tlsPort).sendMail({ from: a.email, to: b.email, subject: 'x', text: 'y' });
    const sentStatus = await folderStatus(info, a.email, 'Sent');
    expect(sentStatus.messages).toBe(1);
    expect(sentStatus.unseen).toBe(0);
  });

  it('requires STARTTLS before AUTH on the STARTTLS port and verifies against the world CA', async () => {
    const a = await createUniqueMailUser(info, 'tls');
    const ok = smtpTransport(info, { user: a.email, pass: a.password }, info.smtp.starttlsPort);
    await expect(ok.verify()).resolves.toBe(true);
    const untrusted = nodemailer.createTransport({ host: info.host, port: info.smtp.tlsPort, secure: true, auth: { user: a.email, pass: a.password } });
    await expect(untrusted.verify()).rejects.toThrow(/certificate/i);
  });
});

describe('Dovecot logins', () => {
  it('accepts a password on the cleartext port (no STARTTLS offered), the TLS port and the STARTTLS port', async () => {
    const u = await createUniqueMailUser(info, 'login');
    const auth = { user: u.email, pass: u.password };
    const plain = imapClient(info, port.plainPort, auth);
    await plain.connect();
    expect(plain.secureConnection).toBe(false);
    expect(plain.capabilities.has('STARTTLS')).toBe(false);
    for (const cap of ['IDLE', 'CONDSTORE', 'QRESYNC', 'SPECIAL-USE']) expect(plain.capabilities.has(cap)).toBe(true);
    await plain.logout();

    const tls = imapClient(info, port.tlsPort, auth, { secure: true });
    await tls.connect();
    expect(tls.secureConnection).toBe(true);
    await tls.logout();

    const starttls = imapClient(info, port.starttlsPort, auth, { doSTARTTLS: true });
    await starttls.connect();
    expect(starttls.authenticated).toBeTruthy();
    await starttls.logout();
  });

  it('refuses the TLS port when the client does not trust the world CA (certificate checks stay on)', async () => {
    const u = await createUniqueMailUser(info, 'nocert');
    const c = new ImapFlow({ host: info.host, port: port.tlsPort, secure: true, auth: { user: u.email, pass: u.password }, logger: false });
    await expect(c.connect()).rejects.toThrow();
  });

  it('has SPECIAL-USE folders on one flavour and only a "Sent Items" name on the other (PRODUCT #10)', async () => {
    const u = await createUniqueMailUser(info, 'su');
    const special = await withImap(info, port.plainPort, { user: u.email, pass: u.password }, (c) => c.list());
    expect(special.find((f) => f.path === 'Sent')?.flags.has('\\Sent')).toBe(true);
    for (const [name, flag] of [['Drafts', '\\Drafts'], ['Trash', '\\Trash'], ['Junk', '\\Junk'], ['Archive', '\\Archive']] as const) {
      expect(special.find((f) => f.path === name)?.flags.has(flag)).toBe(true);
    }

    const legacy = await createUniqueMailUser(info, 'legacy', 'no-special-use');
    const other = info.imap.noSpecialUse;
    const c = imapClient(info, other.plainPort, { user: legacy.email, pass: legacy.password });
    await c.connect();
    expect(c.capabilities.has('SPECIAL-USE')).toBe(false);
    const folders = await c.list();
    await c.logout();
    expect(folders.map((f) => f.path)).toContain('Sent Items');
    expect(other.sentFolder).toBe('Sent Items');
    for (const f of folders) for (const flag of ['\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive']) expect(f.flags.has(flag)).toBe(false);
  });
});

describe('helpers', () => {
  it('delivers raw messages and real replies with In-Reply-To/References', async () => {
    const u = await createUniqueMailUser(info, 'reply');
    await deliverRaw(info, u.email, 'Sent', rawMessage('Proposal', '<orig-1@mailroom.test>'));
    const reply = await replyAs(info, {
      fromEmail: 'carla@acme.example',
      fromName: 'Carla Novak',
      toMailbox: u.email,
      original: { messageId: '<orig-1@mailroom.test>', subject: 'Proposal', references: ['<older@acme.example>'] },
      text: 'Sounds good',
      attachments: [{ filename: 'signed.pdf', content: Buffer.from('%PDF-1.4 fake') }],
    });
    const got = await withImap(info, port.plainPort, { user: u.email, pass: u.password }, async (c) => {
      await c.mailboxOpen('INBOX');
      return c.fetchOne('*', { envelope: true, headers: ['references'], bodyStructure: true });
    });
    expect(got && got.envelope?.messageId).toBe(reply.messageId);
    expect(got && got.envelope?.inReplyTo).toBe('<orig-1@mailroom.test>');
    expect(got && got.envelope?.subject).toBe('Re: Proposal');
    expect(got && got.headers?.toString()).toContain('<older@acme.example> <orig-1@mailroom.test>');
    expect((await folderStatus(info, u.email, 'Sent')).messages).toBe(1);
  });

  it('changes a folder\'s UIDVALIDITY and renumbers it, visible to IMAP STATUS', async () => {
    const u = await createUniqueMailUser(info, 'uidv');
    for (let i = 0; i < 3; i++) await deliverRaw(info, u.email, 'INBOX', rawMessage(`m${i}`, `<m${i}.${u.email}>`));
    const auth = { user: u.email, pass: u.password };
    const before = await withImap(info, port.plainPort, auth, (c) => status(c, 'INBOX'));
    const changed = await changeUidValidity(info, u.email, 'INBOX');
    const after = await withImap(info, port.plainPort, auth, (c) => status(c, 'INBOX'));
    expect(before.uidValidity).toBe(BigInt(changed.before));
    expect(after.uidValidity).toBe(BigInt(changed.after));
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.messages).toBe(3);
  });

  it('generates realistic messages that Dovecot reports (2,000 here; 100,000 in generate-bench.ts)', async () => {
    const u = await createUniqueMailUser(info, 'gen');
    const r = await generateMessages(info, u.email, 'Archive', 2000, { seed: 3 });
    expect(r.messagesInFolder).toBe(2000);
    const sample = await withImap(info, port.plainPort, { user: u.email, pass: u.password }, async (c) => {
      expect((await status(c, 'Archive')).messages).toBe(2000);
      await c.mailboxOpen('Archive');
      return c.fetchAll('1:200', { size: true, envelope: true, bodyStructure: true, headers: ['references'] });
    });
    for (const m of sample) {
      expect(m.size).toBeGreaterThanOrEqual(2 * 1024);
      expect(m.size).toBeLessThanOrEqual(50 * 1024);
    }
    expect(sample.some((m) => m.envelope?.inReplyTo && m.headers?.toString().includes('References:'))).toBe(true);
    expect(sample.some((m) => m.bodyStructure?.type === 'multipart/mixed')).toBe(true);
    expect(sample.every((m) => m.bodyStructure?.type.startsWith('multipart/'))).toBe(true);
  });
});

describe('start-up', () => {
  it('fails with a clear message when a requested port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(startMailWorld({ ports: { imapPlain: taken } })).rejects.toThrow(`port 127.0.0.1:${taken} is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('fault proxy', () => {
  it('cuts a connection mid-FETCH and imapflow errors out', async () => {
    const u = await createUniqueMailUser(info, 'cut');
    await generateMessages(info, u.email, 'INBOX', 200, { seed: 9 });
    const proxy = await createFaultProxy({ targetPort: port.plainPort });
    try {
      const c = imapClient(info, proxy.port, { user: u.email, pass: u.password });
      c.on('error', () => undefined);
      await c.connect();
      await c.mailboxOpen('INBOX');
      proxy.cutAfterBytes(100_000);
      let fetched = 0;
      const outcome = await (async () => {
        for await (const m of c.fetch('1:*', { source: true })) if (m.source) fetched++;
      })().then(
        () => 'completed',
        (e: Error) => e.message,
      );
      expect(outcome).not.toBe('completed');
      expect(fetched).toBeLessThan(200);
      expect(c.usable).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('stalls and resumes server data on demand', async () => {
    const u = await createUniqueMailUser(info, 'stall');
    const proxy = await createFaultProxy({ targetPort: port.plainPort });
    try {
      const c = imapClient(info, proxy.port, { user: u.email, pass: u.password });
      await c.connect();
      proxy.stall();
      let done = false;
      const noop = c.noop().then(() => (done = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      proxy.resume();
      await noop;
      expect(done).toBe(true);

      c.on('error', () => undefined);
      proxy.stall();
      const closed = new Promise<void>((r) => c.once('close', () => r()));
      void c.noop().catch(() => undefined); // imapflow settles a NOOP quietly when the socket dies
      proxy.cut();
      await closed;
      expect(c.usable).toBe(false);
    } finally {
      await proxy.close();
    }
  });
});
