// Subject normalisation for the reply-matching fallback (PRODUCT #7) and for thread titles.

// Reply/forward prefixes in the languages our users write in, plus the ones big clients add:
// en Re/Fwd/Fw, de AW/WG/Antw, no/sv/da SV/VS/VB/Vs, fi VL/VS, fr TR/RE, es RV/RE, nl Doorst,
// it R/I, pl Odp/PD, and the numbered forms "Re[2]:", "Re(2):", "Re^2:".
const PREFIX = /^\s*(?:re|fwd?|aw|wg|antw|antwort|sv|vs|vb|vl|tr|rv|enc|res|doorst|odp|pd|r|i|ynt|回复|回覆|答复|转发|轉寄)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*/iu;
// A leading "[tag]" such as "[EXTERNAL]" or "[JIRA]".
const TAG = /^\s*\[[^\]]{0,80}\]\s*/u;

/** Bounded so a hostile subject made of 100,000 "Re:" cannot spin forever. */
const MAX_STRIPS = 200;

export type SubjectParts = { normalised: string; hadReplyPrefix: boolean };

// PRODUCT #7 fallback: strips Re:/Fwd:/AW:/SV:/VS:/Re[2]: and [tags], folds whitespace and case.
export function splitSubject(subject: string | null | undefined): SubjectParts {
  let s = (subject ?? '').normalize('NFC').replace(/[\s\u00a0]+/g, ' ');
  let hadReplyPrefix = false;
  for (let i = 0; i < MAX_STRIPS; i++) {
    const prefix = PREFIX.exec(s);
    if (prefix) {
      hadReplyPrefix = true;
      s = s.slice(prefix[0].length);
      continue;
    }
    const tag = TAG.exec(s);
    if (tag) {
      s = s.slice(tag[0].length);
      continue;
    }
    break;
  }
  return { normalised: s.trim().toLowerCase(), hadReplyPrefix };
}

// PRODUCT #7 fallback: the comparable form of a subject ("" when there is nothing left).
export function normaliseSubject(subject: string | null | undefined): string {
  return splitSubject(subject).normalised;
}
