import { expect, test, type Page } from '@playwright/test';
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/client';
import { createUniqueMailUser, imapFor, replyAs } from '../scripts/mail-world/helpers';
import { withImap } from '../scripts/mail-world/test-clients';
import type { MailWorldInfo } from '../scripts/mail-world/types';
import { demo, signIn } from './support/session';
import { e2eState } from './support/state';

// Issue 6 "Done when" in Chromium against the mail world: a rep composes from a template with an
// attachment and sends; the recipient has exactly one; the sender's Sent has exactly one; the cap
// refuses the next send; BCC to the logging address logs an email.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
const LENA = 'lena.novak@vltavasoftware.example';

async function countById(info: MailWorldInfo, auth: { email: string; password: string }, folder: string, messageId: string) {
  return withImap(info, imapFor(info, auth.email).plainPort, { user: auth.email, pass: auth.password }, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const uids = await c.search({ header: { 'message-id': messageId } }, { uid: true });
      const sources: string[] = [];
      if (uids && uids.length) for await (const m of c.fetch(uids.join(','), { source: true }, { uid: true })) sources.push(m.source?.toString('utf8') ?? '');
      return sources;
    } finally {
      lock.release();
    }
  });
}

test.describe.configure({ mode: 'serial' });

let sender = { email: '', password: '' };
let contactUrl = '';
let sentMessageId = '';

test('a rep connects a mailbox and writes a shared template', async ({ page }) => {
  const { mail } = e2eState();
  sender = await createUniqueMailUser(mail, 'e2e-send');
  await signIn(page, demo.rep);
  await page.goto('/settings/email');
  await page.getByRole('button', { name: 'Other (IMAP/SMTP)' }).click();
  const form = page.getByRole('form', { name: /IMAP and SMTP/ });
  await form.getByLabel('Email address').fill(sender.email);
  await form.getByLabel('Email address').blur();
  await form.getByLabel('IMAP server').fill('127.0.0.1');
  await form.getByLabel('Port').first().fill(String(mail.imap.specialUse.tlsPort));
  await form.getByLabel('Security').first().selectOption('tls');
  await form.getByLabel('SMTP server').fill('127.0.0.1');
  await form.getByLabel('Port').nth(1).fill(String(mail.smtp.tlsPort));
  await form.getByLabel('Security').nth(1).selectOption('tls');
  await form.getByLabel('Password').fill(sender.password);
  await form.getByRole('button', { name: 'Connect mailbox' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${sender.email} is connected` })).toBeVisible({ timeout: 30_000 });

  await page.goto('/settings/templates');
  await page.getByRole('button', { name: 'New template' }).click();
  const t = page.getByRole('form', { name: 'Template' });
  await t.getByLabel('Name').fill('Pilot follow-up');
  await t.getByLabel('Subject').fill('Pilot for {{contact.company}}');
  await t.getByRole('textbox', { name: 'Body' }).fill('Hi {{contact.firstName | "there"}}, the pilot plan is attached. Best, {{sender.name}}');
  await t.getByLabel('Share with everyone in the organization').check();
  await t.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByText('Pilot follow-up')).toBeVisible();
  await expect(page.getByText('Shared', { exact: true })).toBeVisible();
  await shot(page, 'send-01-templates');
});

test('composes from the template with an attachment; exactly one delivery and one Sent copy', async ({ page }) => {
  const { mail, databaseUrl } = e2eState();
  await signIn(page, demo.rep);
  await page.getByLabel('Search contacts').fill('Lena');
  await page.getByRole('link', { name: /Lena Novak/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lena Novak' })).toBeVisible();
  contactUrl = page.url();
  await page.getByRole('button', { name: 'Write email' }).click();
  const form = page.getByRole('form', { name: 'Compose email' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: sender.email });
  await expect(form.getByLabel('To', { exact: true })).toHaveValue(LENA);
  await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Pilot follow-up (shared)' });
  await expect(page.getByTestId('template-preview-subject')).toHaveText('Pilot for Vltava Software');
  await expect(page.getByLabel('Template preview')).toContainText('Hi Lena, the pilot plan is attached. Best, Rex Rep');
  await page.getByRole('button', { name: 'Use this template' }).click();
  await expect(form.getByLabel('Subject', { exact: true })).toHaveValue('Pilot for Vltava Software');
  await form.getByLabel('Attach files').setInputFiles({ name: 'pilot-plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% pilot plan\n' + 'x'.repeat(30_000)) });
  await expect(form.getByRole('list', { name: 'Attachments' })).toContainText('Attached');
  await expect(page.getByTestId('attachment-total')).toContainText('of 25.0 MB per email');
  await shot(page, 'send-02-composer');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('send-status')).toContainText('Sent', { timeout: 30_000 });
  await expect(page.getByText('Pilot for Vltava Software').first()).toBeVisible();
  await shot(page, 'send-03-timeline-after-send');

  const { db, sql: pg } = createDb(databaseUrl, { max: 1 });
  const rows = await db.execute<{ message_id: string }>(sql`select o.message_id from outbox o join mailbox m on m.id = o.mailbox_id where m.email_address = ${sender.email}`);
  await pg.end();
  expect(rows).toHaveLength(1);
  const messageId = rows[0]!.message_id;
  sentMessageId = messageId;
  const received = await countById(mail, { email: mail.catchAllEmail, password: 'password' }, 'INBOX', messageId);
  expect(received).toHaveLength(1);
  expect(received[0]).toContain(`X-Original-To: ${LENA}`);
  expect(received[0]).toMatch(/^Subject: Pilot for Vltava Software/m);
  expect(received[0]).toMatch(/filename=pilot-plan\.pdf/);
  expect(await countById(mail, sender, 'Sent', messageId)).toHaveLength(1);
});

test('the send cap refuses the next send with a clear message', async ({ page }) => {
  const { databaseUrl } = e2eState();
  const { db, sql: pg } = createDb(databaseUrl, { max: 1 });
  await db.execute(sql`update mailbox set send_limit_per_day = 1 where email_address = ${sender.email}`);
  await pg.end();
  await signIn(page, demo.rep);
  await page.goto(contactUrl);
  await page.getByRole('button', { name: 'Write email' }).click();
  const form = page.getByRole('form', { name: 'Compose email' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: sender.email });
  await form.getByLabel('Subject', { exact: true }).fill('One more');
  await form.getByRole('textbox', { name: 'Message' }).fill('This one should be refused.');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'reached its limit of 1 emails per 24 hours' })).toBeVisible();
  await shot(page, 'send-04-cap');
});

test('BCC to the logging address logs the email on the contact', async ({ page }) => {
  await signIn(page, demo.rep);
  await page.goto('/settings/templates');
  const address = (await page.getByTestId('logging-address').textContent())!.trim();
  expect(address).toMatch(/@log\.mailroom\.test$/);
  const subject = `Lunch next week ${Date.now()}`;
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: Number(process.env.INBOUND_SMTP_PORT ?? 2525), secure: false, ignoreTLS: true });
  await t.sendMail({ from: 'Rex Rep <rep@demo.mailroom.test>', to: LENA, bcc: address, subject, text: 'Hi Lena, lunch on Tuesday?', envelope: { from: 'rep@demo.mailroom.test', to: [address] } });
  const stranger = await t
    .sendMail({ from: 'someone@elsewhere.test', to: LENA, bcc: address, subject: 'Spoofed', text: 'x', envelope: { from: 'someone@elsewhere.test', to: [address] } })
    .then(() => null, (e: { responseCode?: number }) => e.responseCode);
  expect(stranger).toBe(550);
  await page.goto(contactUrl);
  await expect(page.getByText(subject).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Spoofed')).toHaveCount(0);
  await shot(page, 'send-05-bcc-logged');
});

test('the contact replies: the sync worker logs the reply on the open timeline without a reload', async ({ page }) => {
  const { mail } = e2eState();
  await signIn(page, demo.rep);
  await page.goto(contactUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Lena Novak' })).toBeVisible();
  const text = `Thanks Rex, the plan looks good. Reply ${Date.now()}`;
  // A real reply (In-Reply-To/References to the CRM-sent Message-ID) delivered into the sender's INBOX (PRODUCT #6, #7).
  await replyAs(mail, { fromEmail: LENA, fromName: 'Lena Novak', toMailbox: sender.email, original: { messageId: sentMessageId, subject: 'Pilot for Vltava Software' }, text });
  await expect(page.getByText(text)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText('2 messages')).toBeVisible();
  await shot(page, 'send-06-reply-logged');
});
