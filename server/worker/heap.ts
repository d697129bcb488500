import v8 from 'node:v8';

// V8 lets the old generation grow to up to ~4× what survived the last full GC before collecting again.
// A sync batch pipeline keeps a few batches alive across scavenges, so they are promoted and the heap
// balloons with garbage: a 100k-message initial sync peaked at ~310 MB RSS for ~70 MB of live data.
// Growing by at most 1.5× keeps that peak near 210 MB for the same wall time (bench/README.md), with
// no hard cap that could turn a busy worker into an out-of-memory crash.
export const HEAP_GROWING_PERCENT = 50;

export function tuneWorkerHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
