import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailWorld } from '@/test/mail-world';
import { createUniqueMailUser, deliverRaw, imapFor } from '@/scripts/mail-world/helpers';
import { generateMessages } from '@/scripts/mail-world/generator';
import { withImap } from '@/scripts/mail-world/test-clients';
import type { MessageMetaRecord } from '@/server/services/sync/mail-source';
import { ImapMailSource, META_HEADER_FIELDS, metaFromImapflow } from './imap-mail-source';

// Issue 5 "Speed": the bulk FETCH parser must give exactly what imapflow's general path gives, on
// real Dovecot output: the hostile MIME corpus, envelopes built to be awkward, and generated mail.

const corpus = path.resolve('server/adapters/__fixtures__/mime');

const awkward = [
  // Encoded words in subject and names, a quoted name holding quotes and a backslash, a group.
  'From: =?UTF-8?B?w4lsb2TDrWU=?= <elodie@customer.test>\r\nTo: "Sales \\"Team\\" \\\\ EU" <sales@org.test>, undisclosed-recipients:;\r\nCc: Group: a@x.test, b@y.test;\r\nSubject: =?ISO-8859-1?Q?Caf=E9?= =?ISO-8859-1?Q?_cr=E8me?=\r\nMessage-ID: <enc@customer.test>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\nbody\r\n',
  // Raw UTF-8 (Dovecot answers with literals inside ENVELOPE), no Date, parentheses and brackets in the subject.
  'From: Zoë Ünal <zoe@customer.test>\r\nTo: 山田 <yamada@customer.test>\r\nSubject: (re) [ext] {1} "quoted" \\ back\r\nMessage-ID: <utf8@customer.test>\r\nIn-Reply-To: <root@org.test>\r\nReferences: <root@org.test>\r\n  <mid@org.test>\r\n\r\nbody\r\n',
  // Address with no domain, empty subject, reply-to and sender, noise headers, Thread-Index.
  'From: bare\r\nReply-To: Help <help@org.test>\r\nSender: relay@org.test\r\nTo: "" <empty-name@customer.test>\r\nSubject: \r\nAuto-Submitted: auto-replied\r\nList-Id: <list.org.test>\r\nThread-Index: AQHZabc=\r\nDate: not a date\r\n\r\nbody\r\n',
  // A name that is exactly quotes, a CR inside a header via folding, an overlong subject.
  `From: "\\"\\"" <q@customer.test>\r\nTo: a@customer.test\r\nSubject: ${'long subject '.repeat(400)}\r\nMessage-ID: <long@customer.test>\r\n\r\nbody\r\n`,
];

async function both(source: ImapMailSource, uidSet: string) {
  const fast: MessageMetaRecord[] = [];
  await source.fetchMeta(uidSet, (b) => void fast.push(...b), { batchSize: 7 });
  const stats = { ...source.lastFetchStats };
  const general: MessageMetaRecord[] = [];
  const query = { uid: true, flags: true, envelope: true, size: true, internalDate: true, headers: META_HEADER_FIELDS };
  for await (const m of source.imap.fetch(uidSet, query, { uid: true })) general.push(metaFromImapflow(m));
  const byUid = (a: MessageMetaRecord, b: MessageMetaRecord) => a.uid - b.uid;
  return { fast: fast.sort(byUid), general: general.sort(byUid), stats };
}

describe('bulk FETCH parser (issue 5 speed path)', () => {
  it('matches imapflow record for record on the MIME corpus, awkward envelopes and generated mail', async () => {
    const info = mailWorld();
    const user = await createUniqueMailUser(info, 'bulk');
    let delivered = 0;
    for (const f of fs.readdirSync(corpus).filter((n) => n.endsWith('.eml'))) {
      try {
        await deliverRaw(info, user.email, 'INBOX', fs.readFileSync(path.join(corpus, f)));
        delivered++;
      } catch {
        // doveadm refuses an empty file outright.
      }
    }
    for (const raw of awkward) await deliverRaw(info, user.email, 'INBOX', raw);
    await generateMessages(info, user.email, 'INBOX', 300, { days: 30, seed: 11 });
    const total = delivered + awkward.length + 300;

    await withImap(info, imapFor(info, user.email).plainPort, { user: user.email, pass: user.password }, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd('1:5', ['\\Flagged', '$Custom']);
      const source = new ImapMailSource(client);
      const { fast, general, stats } = await both(source, '1:*');
      expect(fast).toHaveLength(total);
      expect(fast).toEqual(general);
      // Every response of this corpus took the bulk path: a regression to imapflow's path shows here.
      expect(stats).toEqual({ fast: total, fallback: 0 });
      // Spot checks that the comparison is about real content.
      const enc = fast.find((m) => m.messageId === '<enc@customer.test>');
      expect(enc?.subject).toBe('Café crème');
      expect(enc?.from).toEqual([{ address: 'elodie@customer.test', name: 'Élodíe' }]);
      expect(enc?.to).toEqual([{ address: 'sales@org.test', name: 'Sales "Team" \\ EU' }]);
      expect(enc?.cc.map((a) => a.address)).toEqual(['a@x.test', 'b@y.test']);
      const utf8 = fast.find((m) => m.messageId === '<utf8@customer.test>');
      expect(utf8?.from[0]?.name).toBe('Zoë Ünal');
      expect(utf8?.references).toBe('<root@org.test> <mid@org.test>');
      const noisy = fast.find((m) => m.threadIndex === 'AQHZabc=');
      expect(noisy?.headers['auto-submitted']).toBe('auto-replied');
      expect(noisy?.date).toBeNull();
      expect(noisy?.internalDate).toBeInstanceOf(Date);
      expect(fast.filter((m) => m.flags.includes('$Custom'))).toHaveLength(5);
      expect(fast.every((m) => typeof m.modseq === 'bigint')).toBe(true);
    });
  });

  it('a failing batch write stops the fetch with that error, and the connection can report it', async () => {
    const info = mailWorld();
    const user = await createUniqueMailUser(info, 'bulkerr');
    await generateMessages(info, user.email, 'INBOX', 50, { days: 5, seed: 3 });
    await withImap(info, imapFor(info, user.email).plainPort, { user: user.email, pass: user.password }, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const source = new ImapMailSource(client);
      let calls = 0;
      const failing = source.fetchMeta(
        '1:*',
        () => {
          calls++;
          throw new Error('disk full');
        },
        { batchSize: 10 },
      );
      await expect(failing).rejects.toThrow('disk full');
      expect(calls).toBe(1);
    });
  });
});
