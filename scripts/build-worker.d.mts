export declare const ENTRIES: Record<'worker' | 'sync-bench-initial', string>;
/** Bundles one entry into `.build/<name>.mjs` and returns that file's absolute path. */
export declare function bundle(name: keyof typeof ENTRIES): Promise<string>;
