import { afterAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { callerFor } from '@/test/trpc';
import { createContact } from '@/server/services/organizations';

const { db, sql } = testDb();
afterAll(() => sql.end());

describe('contacts router (real Postgres)', () => {
  it('lists only the caller organization contacts and searches by name, company and address', async () => {
    const a = await makeOrg(db, 'Alpha');
    const b = await makeOrg(db, 'Beta');
    await createContact(db, a.org.id, { firstName: 'Zed', lastName: 'Zebra', company: 'Stripes Inc', emails: [`zed-${a.tag}@stripes.test`] });
    const caller = callerFor(db, a.rep.id);
    const all = await caller.contacts.list({});
    expect(all.items.map((c) => c.lastName).sort()).toEqual(['Contact', 'Zebra']);
    expect(all.items.some((c) => c.id === b.contact.id)).toBe(false);
    expect((await caller.contacts.list({ search: 'stripes' })).items.map((c) => c.firstName)).toEqual(['Zed']);
    expect((await caller.contacts.list({ search: `zed-${a.tag}@` })).items).toHaveLength(1);
    expect((await caller.contacts.list({ search: '%' })).items).toHaveLength(0);
  });

  it('paginates with a cursor without repeating rows', async () => {
    const a = await makeOrg(db);
    for (let i = 0; i < 5; i++) await createContact(db, a.org.id, { firstName: `P${i}`, lastName: 'Page', emails: [] });
    const caller = callerFor(db, a.rep.id);
    const first = await caller.contacts.list({ limit: 4 });
    expect(first.items).toHaveLength(4);
    const second = await caller.contacts.list({ limit: 4, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(6);
    expect(second.nextCursor).toBeNull();
  });

  it('gets a contact with its addresses, and answers NOT_FOUND for another organization id', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const mine = await callerFor(db, a.rep.id).contacts.get({ id: a.contact.id });
    expect(mine.emails.map((e) => e.email)).toEqual([`carla-${a.tag}@customer.test`, `c.contact-${a.tag}@customer.test`]);
    await expect(callerFor(db, a.rep.id).contacts.get({ id: b.contact.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses callers without a session', async () => {
    await expect(callerFor(db, null).contacts.list({})).rejects.toBeInstanceOf(TRPCError);
    await expect(callerFor(db, null).contacts.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
