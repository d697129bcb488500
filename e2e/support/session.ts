import { expect, type Page } from '@playwright/test';

export const demo = {
  admin: { email: 'admin@demo.mailroom.test', password: 'mailroom-admin' },
  rep: { email: 'rep@demo.mailroom.test', password: 'mailroom-rep' },
};

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/signin');
  await page.getByLabel('Work email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/contacts$/);
}
