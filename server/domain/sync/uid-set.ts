// RFC 3501 §9 sequence-set: sorted UIDs compressed into "1:5,7,9:12" so a FETCH for thousands of
// search hits stays a short command line.

// RFC 3501 §9: ascending, de-duplicated UIDs → sequence-set string ("" for none).
export function toUidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].filter((u) => Number.isInteger(u) && u > 0).sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i] as number;
    parts.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return parts.join(',');
}

// RFC 3501 §9: split UIDs into chunks of at most `size` for one FETCH each, keeping order.
export function chunkUids(uids: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < uids.length; i += size) out.push(uids.slice(i, i + size));
  return out;
}
