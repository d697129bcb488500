import type { ImapFlow } from 'imapflow';

// imapflow's reader hands every framed response ({payload, literals}) to `handleResponse`, which
// runs its general tokenizer first. For the bulk metadata FETCH (issue 5 "Speed") we look at each
// response before that: `take` returns true when it consumed the response, false to let imapflow
// handle it as usual. `handleResponse` is internal to imapflow, so the version is pinned exactly
// and bulk-fetch.integration.test.ts fails if responses stop reaching the interceptor.

export type StreamedResponse = { payload: Buffer; literals: Buffer[] };

type WithHandler = { handleResponse: (data: StreamedResponse) => Promise<boolean> };

export function interceptFetchResponses(client: ImapFlow, take: (data: StreamedResponse) => Promise<boolean>): () => void {
  const target = client as unknown as WithHandler;
  const original = target.handleResponse;
  if (typeof original !== 'function') return () => undefined;
  target.handleResponse = async function (this: WithHandler, data: StreamedResponse) {
    if (await take(data)) return true;
    return original.call(this, data);
  };
  return () => {
    // The prototype method shows through again.
    delete (target as Partial<WithHandler>).handleResponse;
  };
}
