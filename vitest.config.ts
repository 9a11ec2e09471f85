import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globals: false,
		// The SDK warns once per process that Node 20 support ends in 2027; we know, and the
		// warning would bury real output.
		env: {AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
		testTimeout: 30_000,
		hookTimeout: 30_000,
		reporters: ['default', './test/helpers/summary-reporter.ts'],
	},
});
