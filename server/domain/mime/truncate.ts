// Size caps for mail content shown on the timeline (issue 5 "parsed under limits").

export type Truncated = { text: string; truncated: boolean };

// Issue 5: cap a string at `max` UTF-16 units without splitting a surrogate pair.
export function truncateText(s: string, max: number): Truncated {
  if (s.length <= max) return { text: s, truncated: false };
  let end = Math.max(0, max);
  const code = s.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half an emoji behind.
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: s.slice(0, end), truncated: true };
}

// RFC 5322 §2.2 (no CR/LF in a header value) and display safety: one line, no control or bidi
// override characters (they can make "exe.pdf" look like "fdp.exe"), collapsed whitespace.
export function toSingleLine(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
