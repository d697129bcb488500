import { expect, test } from '@playwright/test';
import { demo, signIn } from './support/session';

test('a rep signs in, searches a contact and opens it', async ({ page }) => {
  await signIn(page, demo.rep);
  await expect(page.getByTestId('signed-in-user')).toHaveText('Rex Rep');
  await expect(page.getByRole('link', { name: /Alice Andersen/ })).toBeVisible();
  await page.getByLabel('Search contacts').fill('kyoto');
  await expect(page.getByRole('link', { name: /Hana Sato/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Alice Andersen/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/contacts-search.png' });
  await page.getByRole('link', { name: /Hana Sato/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hana Sato' })).toBeVisible();
  await expect(page.getByText('hana.sato@kyotorobotics.example')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/contact-record.png' });
});

test('a wrong password shows an error without saying whether the account exists', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Work email').fill(demo.rep.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/signin-error.png' });
  await page.getByLabel('Work email').fill('nobody@nowhere.test');
  await page.getByLabel('Password').fill('whatever');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test('a rep sees the account policy read-only and the server refuses their changes; an admin can edit', async ({ page, context }) => {
  await signIn(page, demo.rep);
  await page.goto('/settings/admin');
  await expect(page.getByText('Policies for Northwind Demo')).toBeVisible();
  await expect(page.getByTestId('read-only-note')).toBeVisible();
  const org = page.getByTestId('org-policy');
  await expect(org.getByRole('switch')).toHaveCount(0);
  await expect(org.getByRole('textbox')).toHaveCount(0);
  await expect(org.getByRole('spinbutton')).toHaveCount(0);
  await expect(org.getByRole('button')).toHaveCount(0);
  // The role is enforced by the server, not by the page.
  const refused = await page.request.post('/api/trpc/policy.update', { data: { json: { attachmentLoggingEnabled: false } } });
  expect(refused.status()).toBe(403);
  await context.clearCookies();
  await signIn(page, demo.admin);
  await page.goto('/settings/admin');
  await expect(page.getByText('Policies for Northwind Demo')).toBeVisible();
  await expect(page.getByTestId('read-only-note')).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Log attachments' })).toBeEnabled();
});

test('signing out returns to the sign-in page and protects the app', async ({ page }) => {
  await signIn(page, demo.rep);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/contacts');
  await expect(page).toHaveURL(/\/signin/);
});
