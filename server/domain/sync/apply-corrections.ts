// Thread corrections made by reps (PRODUCT #11 pitfall, issue "threads a rep can correct"): later
// syncs consult them before logging, so a correction is never undone by the next pass.

export type CorrectionRow = {
  kind: 'split' | 'merge' | 'move' | 'remove';
  fromContactId: string | null;
  toContactId: string | null;
  toThreadId: string | null;
};

export type CorrectedTarget = { contactIds: string[]; threadId: string };

// PRODUCT #11: `remove` takes the message off a contact (or every contact when none is named), `move`
// puts it on another contact, `split`/`merge` put it in another thread. Applied in the given order.
export function applyThreadCorrections(target: CorrectedTarget, corrections: readonly CorrectionRow[]): CorrectedTarget {
  let contactIds = [...target.contactIds];
  let threadId = target.threadId;
  for (const c of corrections) {
    if (c.kind === 'remove') {
      contactIds = c.fromContactId ? contactIds.filter((id) => id !== c.fromContactId) : [];
    } else if (c.kind === 'move') {
      if (c.fromContactId) contactIds = contactIds.filter((id) => id !== c.fromContactId);
      if (c.toContactId && !contactIds.includes(c.toContactId)) contactIds.push(c.toContactId);
      if (c.toThreadId) threadId = c.toThreadId;
    } else if (c.toThreadId) {
      threadId = c.toThreadId;
    }
  }
  return { contactIds, threadId };
}
