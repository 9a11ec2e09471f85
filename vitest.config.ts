import {availableParallelism} from 'node:os';
import {defineConfig} from 'vitest/config';

/**
 * Tests that run the built CLI (dist/, so `npm run build` first), a real terminal (tmux), an npm
 * pack and install, threads, deadlines and back-offs that take seconds of real time, or seeded
 * fuzz. `npm test` runs them with the rest; the `unit` projects leave them out, for the fast loop
 * (`npm run test:unit`) while changing code.
 */
const slowTests = [
	// The built CLI, tmux, the package.
	'test/e2e/**',
	'test/package/**',
	'test/cli/**',
	'test/security/hostile-terminal.test.ts',
	'test/security/printers-files.test.ts',
	'test/aws/debug-log.test.ts',
	'test/aws/http-proxy.test.ts',
	// Faults, deadlines and the AWS thread: seconds of real time each.
	'test/faults/**',
	'test/store/writes/unknown-outcome.test.ts',
	'test/aws/remote-aws.test.ts',
	'test/aws/remote-aws-demo.test.ts',
	'test/aws/remote-aws-foresee.test.ts',
	'test/modes/session-connection.test.ts',
	'test/modes/session-first-data.test.ts',
	// Whole worlds at scale (large, wide) built and read in full, another process (the AWS CLI),
	// and the SDK's own retry back-offs: seconds each, a quarter of the fast loop's time.
	'test/store/snapshot-calls.test.ts',
	'test/store/capacity-batches.test.ts',
	'test/sim/scenario-wide.test.ts',
	'test/sim/world-scale.test.ts',
	'test/sim/aws-cli-logs.test.ts',
	'test/aws/retry-config.test.ts',
	// The whole bundle built in memory (esbuild), and stand-in `aws` processes run for hand-offs.
	'test/build/what-each-thread-loads.test.ts',
	'test/store/writes/hand-off.test.ts',
	// Seeded fuzz, and one App on the simulator per terminal sequence.
	'test/ui/app-fuzz.test.tsx',
	'test/ui/app-terminal-input.test.tsx',
];

/**
 * Fast tests that need a fresh module graph of their own; the other fast ones share one per
 * worker (`isolate: false`), which saves loading Ink, React and the SDK again for every file,
 * two thirds of the fast loop's CPU time.
 */
const isolatedUnitTests = [
	// chalk (Ink's colours) picks its colour level when first imported: these force it on.
	'test/ui/app-no-color.test.tsx',
	'test/ui/details-no-color.test.tsx',
	'test/ui/theme.test.tsx',
	// fleetState() dates its data at app-fixture.tsx's load: in a shared module graph a later file
	// would find that data three refresh intervals old, and the header would say STALE.
	'test/ui/app-panes.test.tsx',
	'test/ui/app-columns.test.tsx',
	'test/ui/app-scale.test.tsx',
	'test/ui/app-header.test.tsx',
	'test/ui/header-endpoint.test.tsx',
	'test/ui/app-layout.test.tsx',
	'test/ui/pane-notes.test.tsx',
	'test/ui/draw-boundary.test.tsx',
	'test/ui/app-scope-sort.test.tsx',
	'test/ui/api-rate.test.tsx',
	'test/ui/app-problems-hint.test.tsx',
	'test/ui/panes-view.test.tsx',
	// aws-sdk-client-mock replaces send() on every client of a class until restored.
	'test/aws/ecs.test.ts',
	'test/aws/other-adapters.test.ts',
	'test/aws/write-actions.test.ts',
	// Measures the process's buffer memory: in a worker thread it would count the buffers of the
	// files the other threads are running at the same time.
	'test/aws/answer-memory.test.ts',
];

const allTests = ['test/**/*.test.{ts,tsx}'];

export default defineConfig({
	test: {
		globals: false,
		// The SDK warns once per process that Node 20 support ends in 2027; we know, and the
		// warning would bury real output.
		env: {AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
		// Two files at a time at least. Vitest's default in a run is one worker per core but one, a
		// single worker on a 2-core machine: the whole suite in series, though most of the system
		// tests' time is spent waiting on other processes (the CLI, tmux, the simulator, a
		// deadline), and the unit files leave a core idle while one of them loads its modules.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		testTimeout: 30_000,
		hookTimeout: 30_000,
		reporters: ['default', './test/helpers/summary-reporter.ts'],
		// The `unit` project's pool; the others run in forks, a fresh process per file.
		poolOptions: {threads: {isolate: false}},
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: allTests,
					exclude: [...slowTests, ...isolatedUnitTests],
					// Worker threads that keep their modules from one file to the next. The pool's
					// isolation is set once for all projects (poolOptions above): only this one uses threads.
					pool: 'threads',
				},
			},
			{extends: true, test: {name: 'unit-isolated', include: isolatedUnitTests}},
			{
				extends: true,
				// After the unit projects: these run real processes and terminals, and projects in
				// one group run at the same time. Two of these files may run together (maxWorkers):
				// each waits for the state it asserts, so a slower machine makes them slower, not wrong.
				test: {name: 'system', include: slowTests.map(toTestGlob), sequence: {groupOrder: 1}},
			},
		],
	},
});

/** A folder's glob as the test files in it; a file's path as itself. */
function toTestGlob(pattern: string): string {
	return pattern.endsWith('/**') ? `${pattern}/*.test.{ts,tsx}` : pattern;
}
