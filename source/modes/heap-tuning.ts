import {setFlagsFromString} from 'node:v8';

/**
 * Once the live view has started, tells V8 to favour a small heap over peak speed (for this
 * process, and any thread started afterwards).
 *
 * The live view is a long-lived process on a shared jump host, and its heap is mostly one store
 * that is replaced in large pieces on each refresh. By default V8 grows the heap for speed: with
 * fleet-main's 20,000 tasks loaded, the young generation sat at its 32 MB maximum and the old one
 * grew well past what it kept, so the TUI held 172-175 MB resident after scrolling. With V8's
 * memory-saving heuristics (slower heap growth, a young generation that shrinks back, earlier
 * full collections) it holds 134-139 MB (bench/memory.ts).
 *
 * Not before the first frame: the same heuristics made startup, which allocates the most (Ink,
 * React, Yoga, the first answers), ~35 ms slower, for a heap that is small then anyway.
 *
 * Set at run time rather than as a node flag, so it applies however ecs-top is started (the npm
 * bin, `node dist/cli.js`, npx). V8 consults it when it sizes the heap after each collection;
 * Node leaves V8's flags writable for this API. What V8 reads only at start-up (the young
 * generation's maximum, the helper threads) the command's launcher lines give node instead
 * (scripts/launcher.mjs).
 */
export function favourSmallHeapOnceStarted(delayMs = 1500): void {
	setTimeout(() => setFlagsFromString('--optimize-for-size'), delayMs).unref();
}
