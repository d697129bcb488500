import { generateMessages } from './generator';
import { createUniqueMailUser } from './helpers';
import { withImap } from './test-clients';
import { startMailWorld } from './world';

// Benchmark: start a world, write N messages (default 100,000) into one folder and let Dovecot index them,
// then check the count over IMAP. Usage: tsx scripts/mail-world/generate-bench.ts [count] [--index]
async function main(): Promise<void> {
  const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const index = process.argv.includes('--index');
  const world = await startMailWorld();
  try {
    console.log(`world start-up: ${world.info.startedInMs} ms (state in ${world.info.stateDir})`);
    const u = await createUniqueMailUser(world.info, 'bench');
    const r = await generateMessages(world.info, u.email, 'INBOX', count, { index });
    const t = Date.now();
    const status = await withImap(world.info, world.info.imap.specialUse.plainPort, { user: u.email, pass: u.password }, (c) => c.status('INBOX', { messages: true }));
    const imapMs = Date.now() - t;
    const mb = (r.bytes / 1024 / 1024).toFixed(0);
    console.log(`generated ${r.count} messages (${mb} MB, avg ${Math.round(r.bytes / r.count)} B, ${r.threadRoots.length} threads)`);
    console.log(`write ${r.ms.write} ms, doveadm force-resync ${r.ms.resync} ms${index ? `, doveadm index ${r.ms.index} ms` : ''}, total ${r.ms.total} ms`);
    console.log(`rate: ${Math.round(r.count / (r.ms.total / 1000))} messages/s; Dovecot reports ${r.messagesInFolder}; IMAP STATUS ${status ? status.messages : '?'} in ${imapMs} ms`);
    if (r.messagesInFolder !== count) throw new Error(`Dovecot reports ${r.messagesInFolder} messages, expected ${count}`);
  } finally {
    await world.stop();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
