import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { demo, signIn } from './support/session';
import { demoIds, e2eDb } from './support/e2e-db';
import { seedConversation } from './support/timeline-seed';
import { insertEngagement } from './support/timeline-seed';
import { canaryLaunchOptions, startCanary } from './support/canary';

// Issue 7 "Done when": a rep reads a threaded conversation safely, loads images, downloads a file and
// corrects a thread; an admin turns attachment logging off and adds a never-log domain.
const REMOTE_HOST = 'images.remote-sender.test';
const HANA = 'hana.sato@kyotorobotics.example';
const CANARY_PORT = 38412;
test.use({ launchOptions: canaryLaunchOptions(CANARY_PORT, [REMOTE_HOST]) });
let canary: Awaited<ReturnType<typeof startCanary>> | undefined;
test.afterAll(async () => canary?.close());
let hanaId = '';
let pdfId = '';

test.beforeAll(async () => {
  canary = await startCanary(CANARY_PORT);
  const { db, sql: pg } = e2eDb();
  const ids = await demoIds(db);
  hanaId = await ids.contactId(HANA);
  const conv = await seedConversation(db, {
    organizationId: ids.organizationId, contactId: hanaId, contactEmail: HANA, contactName: 'Hana Sato', repEmail: 'rep@demo.mailroom.test', repName: 'Rex Rep', repUserId: ids.repUserId,
    remoteImageUrl: `http://${REMOTE_HOST}/chart.png`, base: new Date(Date.now() - 3 * 86_400_000),
  });
  pdfId = conv.pdfId;
  await pg.end();
});

test('a rep reads a threaded conversation, opens HTML safely, loads images, downloads and corrects a thread', async ({ page }) => {
  const remote = canary!.hits;
  await signIn(page, demo.rep);
  await page.goto(`/contacts/${hanaId}`);
  const thread = page.getByTestId('timeline-thread').filter({ hasText: 'Pilot pricing for Q3' }).first();
  await expect(thread.getByText('3 messages')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Attachments' }).getByText('signed-order-form.pdf')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/timeline-collapsed.png', fullPage: true });

  await thread.getByRole('button', { name: /show conversation/ }).click();
  const reply = thread.getByRole('article', { name: 'Received email: Re: Pilot pricing for Q3' });
  // Plain text by default, quoted history collapsed.
  await expect(reply.getByTestId('email-text')).toContainText('The numbers look good');
  await expect(reply.getByRole('button', { name: 'Show quoted text' })).toBeVisible();

  await reply.getByRole('button', { name: 'Show formatted version' }).click();
  const frameEl = reply.getByTestId('email-frame');
  await expect(frameEl).toHaveAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox');
  const frame = reply.frameLocator('[data-testid="email-frame"]');
  await expect(frame.getByText('Our signed order form is attached.')).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Pilot plan' })).toHaveAttribute('rel', 'noopener noreferrer');
  // The cid: logo comes from the organization's signed attachment URL and actually loads.
  await expect.poll(() => frame.getByAltText('Kyoto Robotics logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(reply.getByText('1 remote image was blocked')).toBeVisible();
  expect(remote).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/timeline-html-blocked.png', fullPage: true });

  await reply.getByRole('button', { name: 'Load images' }).click();
  await expect.poll(() => remote.length).toBeGreaterThan(0);
  await expect.poll(() => reply.frameLocator('[data-testid="email-frame"]').getByAltText('Quarterly chart').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const download = page.waitForEvent('download');
  await reply.getByRole('link', { name: /Download signed-order-form\.pdf/ }).click();
  expect((await download).suggestedFilename()).toBe('signed-order-form.pdf');
  const res = await page.request.get(`/api/attachments/${pdfId}`);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="signed-order-form.pdf"/);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['content-security-policy']).toBe("sandbox; default-src 'none'");

  await reply.getByRole('button', { name: 'Why is this here?' }).click();
  await expect(reply.getByTestId('why-here')).toContainText('In-Reply-To');
  await page.screenshot({ path: 'test-results/screens/timeline-why.png', fullPage: true });

  // Correct the thread: the out-of-office reply does not belong in this conversation.
  const auto = thread.getByRole('article', { name: 'Received email: Automatic reply: Pilot pricing for Q3' });
  await auto.getByRole('button', { name: /Hana Sato/ }).click();
  await auto.getByRole('button', { name: 'Split from conversation' }).click();
  await expect(page.getByTestId('timeline-thread').filter({ hasText: 'Pilot pricing for Q3' }).first().getByText('2 messages')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Automatic reply: Pilot pricing for Q3' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/timeline-corrected.png', fullPage: true });

  // Live: a reply logged by the worker shows up without a reload.
  const { db, sql: pg } = e2eDb();
  const ids = await demoIds(db);
  await insertEngagement(db, { organizationId: ids.organizationId, contactId: hanaId, threadId: null, direction: 'inbound', subject: 'One more question about delivery', from: { address: HANA, name: 'Hana Sato' }, to: [{ address: 'rep@demo.mailroom.test' }], bodyText: 'When can you deliver?', occurredAt: new Date() });
  await pg.end();
  await expect(page.getByText('One more question about delivery')).toBeVisible({ timeout: 12_000 });
});

test('another organization cannot download the file, and signed-out users are refused', async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  expect((await anon.get(`/api/attachments/${pdfId}`)).status()).toBe(401);
  expect((await anon.get(`/api/attachments/${pdfId}?inline=1&o=${hanaId}&t=1.forged`)).status()).toBe(401);
  await anon.dispose();
});

test('an admin turns attachment logging off and adds a never-log domain', async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto('/settings/admin');
  await expect(page.getByText('Policies for Northwind Demo')).toBeVisible();
  const attachmentSwitch = page.getByRole('switch', { name: 'Log attachments' });
  await expect(attachmentSwitch).toHaveAttribute('aria-checked', 'true');
  await attachmentSwitch.click();
  await expect(page.getByRole('status').filter({ hasText: 'applies to email logged from now on' })).toBeVisible();
  await expect(attachmentSwitch).toHaveAttribute('aria-checked', 'false');

  const org = page.getByTestId('org-policy');
  await org.getByLabel('Domain to never log').fill('KyotoRobotics.example');
  await org.getByRole('button', { name: 'Add rule' }).click();
  await expect(org.getByRole('status').filter({ hasText: 'kyotorobotics.example added.' })).toContainText('now hidden from timelines');
  await expect(org.getByRole('listitem').filter({ hasText: 'kyotorobotics.example' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/admin-policy.png', fullPage: true });

  // Past mail is hidden at once, and comes back when the rule is removed.
  await page.goto(`/contacts/${hanaId}`);
  await expect(page.getByText('No emails yet')).toBeVisible();
  await page.goto('/settings/admin');
  await page.getByTestId('org-policy').getByRole('button', { name: 'Remove kyotorobotics.example' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rule removed' })).toBeVisible();
  await page.getByRole('switch', { name: 'Log attachments' }).click();
  await expect(page.getByRole('switch', { name: 'Log attachments' })).toHaveAttribute('aria-checked', 'true');
  await page.goto(`/contacts/${hanaId}`);
  await expect(page.getByTestId('timeline-thread').filter({ hasText: 'Pilot pricing for Q3' }).first()).toBeVisible();

  const { db, sql: pg } = e2eDb();
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from never_log_rule`);
  await pg.end();
  expect(row?.n).toBe(0);
});
