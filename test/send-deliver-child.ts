import { createDb } from '../db/client';
import { deliverOutbox, type PausePoint } from '../server/services/send/deliver';

// A worker stand-in for the crash test: delivers one outbox row and, at PAUSE_AT, says "PAUSED" and
// hangs until the test kills it with SIGKILL (no cleanup, no commit: a real crash).
const { DATABASE_URL, OUTBOX_ID, PAUSE_AT } = process.env;
if (!DATABASE_URL || !OUTBOX_ID || !PAUSE_AT) throw new Error('DATABASE_URL, OUTBOX_ID and PAUSE_AT are required');
const { db } = createDb(DATABASE_URL, { max: 2 });
await deliverOutbox(
  {
    db,
    pause: async (point: PausePoint) => {
      if (point !== PAUSE_AT) return;
      process.stdout.write('PAUSED\n');
      await new Promise(() => undefined);
    },
  },
  OUTBOX_ID,
);
process.stdout.write('FINISHED\n');
process.exit(0);
