import {defineConfig} from 'vitest/config';

/**
 * Tests that run the built CLI (dist/, so `npm run build` first), a real terminal (tmux), an npm
 * pack and install, threads, deadlines and back-offs that take seconds of real time, or seeded
 * fuzz. `npm test` runs them with the rest; the `unit` project leaves them out, for the fast loop
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
	'test/store/actions/unknown-outcome.test.ts',
	'test/aws/remote-aws.test.ts',
	// Seeded fuzz, and one App on the simulator per terminal sequence.
	'test/ui/app-fuzz.test.tsx',
	'test/ui/app-terminal-input.test.tsx',
];

const allTests = ['test/**/*.test.{ts,tsx}'];

export default defineConfig({
	test: {
		globals: false,
		// The SDK warns once per process that Node 20 support ends in 2027; we know, and the
		// warning would bury real output.
		env: {AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
		testTimeout: 30_000,
		hookTimeout: 30_000,
		reporters: ['default', './test/helpers/summary-reporter.ts'],
		projects: [
			{extends: true, test: {name: 'unit', include: allTests, exclude: slowTests}},
			{extends: true, test: {name: 'system', include: slowTests.map(toTestGlob)}},
		],
	},
});

/** A folder's glob as the test files in it; a file's path as itself. */
function toTestGlob(pattern: string): string {
	return pattern.endsWith('/**') ? `${pattern}/*.test.{ts,tsx}` : pattern;
}
