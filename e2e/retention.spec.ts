import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { demo, signIn } from './support/session';
import { demoIds, e2eDb } from './support/e2e-db';
import { insertEngagement, insertMessage, makeMailbox } from '../server/services/retention/retention-fixtures';
import { purgeExpiredBodies } from '../server/services/retention/purge-bodies';
import { purgeExpiredMetadata } from '../server/services/retention/purge-metadata';
import { purgeDeletedLoggedEngagements } from '../server/services/retention/purge-engagements';
import { bodyRemovedReasons } from '../server/domain/retention/ingest-guard';

// Issue 8 "Done when": a timeline entry whose body expired shows a placeholder, and the admin's
// retention panel shows the windows and the last purge with counts. The purges run here, through the
// same services the worker's cron jobs call, with the clock passed in (no test-only HTTP endpoint).
const LENA = 'lena.novak@vltavasoftware.example';
const IVAN = 'ivan.petrov@mail.example';
const PRIVATE = 'ivan.private@home.example';
const DAY = 86_400_000;
let lenaId = '';
let ivanId = '';

test.beforeAll(async () => {
  const { db, sql: pg } = e2eDb();
  const ids = await demoIds(db);
  lenaId = await ids.contactId(LENA);
  ivanId = await ids.contactId(IVAN);
  // The fake clock runs 10 minutes ahead: a cron tick of the e2e worker during this spec records an
  // earlier finish time, so the panel keeps showing these runs.
  const now = new Date(Date.now() + 10 * 60_000);
  const org = { id: ids.organizationId };
  const { mailbox, folder } = await makeMailbox(db, org, ids.repUserId, 'rex.retention@demo.mailroom.test');
  const where = { organizationId: org.id, mailboxId: mailbox.id, folderId: folder.id };

  await insertEngagement(db, { organizationId: org.id, contactId: lenaId }, {
    kind: 'logged_reply', from: LENA, to: ['rep@demo.mailroom.test'], occurredAt: new Date(now.getTime() - 2 * DAY), bodyRemovedReason: bodyRemovedReasons.expired,
  });
  await insertEngagement(db, { organizationId: org.id, contactId: ivanId }, { kind: 'logged_reply', from: IVAN, cc: [PRIVATE], body: 'Forwarding to my home address.', occurredAt: new Date(now.getTime() - DAY) });
  // Expired data for each purge: 3 bodies (8 days), 2 messages (61 days), 1 engagement deleted 91 days ago.
  for (let i = 0; i < 3; i++) await insertMessage(db, where, { syncedAt: new Date(now.getTime() - 8 * DAY), body: 'old body', bodyExpiresAt: new Date(now.getTime() - DAY) });
  for (let i = 0; i < 2; i++) await insertMessage(db, where, { syncedAt: new Date(now.getTime() - 61 * DAY) });
  await insertEngagement(db, { organizationId: org.id, contactId: lenaId }, { kind: 'logged_reply', deletedAt: new Date(now.getTime() - 91 * DAY) });
  await purgeExpiredBodies(db, { now });
  await purgeExpiredMetadata(db, { now });
  await purgeDeletedLoggedEngagements(db, { now });
  const [left] = await db.execute<{ n: number }>(sql`select count(*)::int as n from message where organization_id = ${org.id}`);
  expect(left?.n).toBe(3);
  await pg.end();
});

test('a timeline entry whose body expired says so instead of showing a blank', async ({ page }) => {
  await signIn(page, demo.rep);
  await page.goto(`/contacts/${lenaId}`);
  const entry = page.getByTestId('timeline-message').filter({ hasText: 'Email content removed.' }).first();
  await expect(entry).toBeVisible();
  await entry.getByRole('button', { expanded: false }).first().click();
  const placeholder = entry.getByTestId('body-removed');
  await expect(placeholder).toContainText('Email content removed.');
  await expect(placeholder).toContainText('deleted 7 days after sync');
  await page.screenshot({ path: 'test-results/screens/retention-body-removed.png', fullPage: true });
});

test('the admin sees retention windows and the last purge per rule; reps do not', async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto('/settings/admin');
  const panel = page.getByTestId('retention-panel');
  await expect(panel).toBeVisible();
  await expect(panel.locator('tr[data-rule="13"]')).toContainText('Until the account is deleted');
  await expect(panel.locator('tr[data-rule="16"]')).toContainText('7 days');
  await expect(panel.locator('tr[data-rule="17"]')).toContainText('60 days');
  await expect(page.getByTestId('removed-16')).toHaveText('3');
  await expect(page.getByTestId('removed-17')).toHaveText('2');
  await expect(page.getByTestId('removed-15')).toHaveText('1');
  await expect(page.getByTestId('last-run-14')).toHaveText('Not run yet');
  await page.screenshot({ path: 'test-results/screens/retention-admin-panel.png', fullPage: true });

  // Erase by address: confirm, then the report says what went.
  await page.getByLabel('Email address to erase').fill(PRIVATE);
  await page.getByRole('button', { name: 'Erase…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(`Erase everything about ${PRIVATE}?`);
  await page.getByRole('button', { name: 'Yes, erase' }).click();
  const report = page.getByTestId('erase-report');
  await expect(report).toContainText('The address is now blocked from future syncs.');
  await expect(report.locator('div').filter({ hasText: 'Timeline emails' }).locator('dd')).toHaveText('1');
  await page.screenshot({ path: 'test-results/screens/retention-erase-report.png', fullPage: true });

  await page.getByLabel('Email address to erase').fill('not-an-address');
  await page.getByRole('button', { name: 'Erase…' }).click();
  // The browser's own email validation stops it before the server; the form stays put.
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  const rep = await page.context().browser()!.newPage();
  await signIn(rep, demo.rep);
  await rep.goto('/settings/admin');
  await expect(rep.getByTestId('org-policy')).toBeVisible();
  await expect(rep.getByTestId('retention-panel')).toHaveCount(0);
  await rep.close();
});
