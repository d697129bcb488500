import { expect, test } from '@playwright/test';
import { setOAuthDefaultUser } from '../scripts/mail-world/helpers';
import { e2eState } from './support/state';

// App sign-in with Google and Microsoft through the local OIDC provider (issuer overridden by env).
for (const [button, who, name] of [
  ['Continue with Google', 'rep@demo.mailroom.test', 'Rex Rep'],
  ['Continue with Microsoft', 'rita@demo.mailroom.test', 'Rita Rep'],
] as const) {
  test(`${button} signs in a member of an organization`, async ({ page }) => {
    await setOAuthDefaultUser(e2eState().mail, who);
    await page.goto('/signin');
    await page.getByRole('button', { name: button }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(page.getByTestId('signed-in-user')).toHaveText(name);
  });
}

test('an identity that belongs to no organization is refused with an explanation', async ({ page }) => {
  await setOAuthDefaultUser(e2eState().mail, 'stranger@outside.test');
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText('not a member of any organization')).toBeVisible();
});
