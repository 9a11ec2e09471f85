// What each thread compiles before it can do its part, from the bundle's own import graph (the
// static imports of a module, followed through the chunks): the command's first module is the
// AWS thread's start and nothing more; the simulator's code is the demo's
// alone, reached from the AWS thread by a dynamic import, so a session against AWS loads none of
// it; and the UI thread's session (pollers, store, actions), which it loads between its first
// frame and the first calls, holds no SDK code: that is the AWS thread's to load.
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
// @ts-expect-error: the build script is plain JavaScript, checked with @ts-check on its own.
import {buildOptions} from '../../scripts/build.mjs';

async function bundleGraph(): Promise<Metafile> {
	const {metafile} = await build({...(buildOptions as object), write: false, metafile: true});
	return metafile;
}

/** The outputs `from` loads, through static imports only (`dynamic` also follows import()). */
function loaded(metafile: Metafile, from: string, dynamic: boolean): Set<string> {
	const seen = new Set<string>();
	const visit = (output: string) => {
		if (seen.has(output)) return;
		seen.add(output);
		for (const imported of metafile.outputs[output]?.imports ?? []) {
			if (imported.external) continue;
			if (imported.kind === 'import-statement' || (dynamic && imported.kind === 'dynamic-import'))
				visit(imported.path);
		}
	};
	visit(from);
	return seen;
}

function inputsUnder(metafile: Metafile, outputs: Set<string>, ...prefixes: string[]): string[] {
	return [...outputs].flatMap((output) =>
		Object.keys(metafile.outputs[output]?.inputs ?? {}).filter((input) =>
			prefixes.some((prefix) => input.startsWith(prefix)),
		),
	);
}

const simulatorInputs = (metafile: Metafile, outputs: Set<string>) =>
	inputsUnder(metafile, outputs, 'source/sim/');

/** The output that holds a source module. */
function outputOf(metafile: Metafile, input: string): string {
	const found = Object.entries(metafile.outputs).find(([, output]) => input in output.inputs);
	if (found === undefined) throw new Error(`${input} is in no output`);
	return found[0];
}

describe('the bundle', () => {
	it('has the simulator loaded by no start of the CLI or the AWS thread, and reachable from the thread', async () => {
		const metafile = await bundleGraph();
		for (const entry of ['dist/cli.js', 'dist/main.js', 'dist/aws-thread.js']) {
			expect(metafile.outputs[entry], entry).toBeDefined();
			// The CLI's flag parsing knows the scenarios' names, and nothing else of the simulator.
			expect(
				simulatorInputs(metafile, loaded(metafile, entry, false)).filter(
					(input) => !input.endsWith('/names.ts') && !input.endsWith('/options.ts'),
				),
				entry,
			).toEqual([]);
		}
		const demo = simulatorInputs(metafile, loaded(metafile, 'dist/aws-thread.js', true));
		expect(demo).toContain('source/sim/index.ts');
		expect(demo).toContain('source/sim/server.ts');
	}, 60_000);

	it('has the command start the AWS thread from a first module of a few kB, before the flag parsing', async () => {
		const metafile = await bundleGraph();
		const first = loaded(metafile, 'dist/cli.js', false);
		const inputs = [...first].flatMap((output) =>
			Object.keys(metafile.outputs[output]?.inputs ?? {}),
		);
		expect(inputs).toContain('source/aws/remote/prestart.ts');
		expect(inputs.filter((input) => input.includes('node_modules/'))).toEqual([]);
		expect(inputs).not.toContain('cli.tsx');
		const bytes = [...first].reduce((sum, output) => sum + metafile.outputs[output]!.bytes, 0);
		expect(bytes).toBeLessThan(16_000);
		// The rest of the command comes after, imported by it.
		const everything = loaded(metafile, 'dist/cli.js', true);
		expect(everything.has('dist/main.js')).toBe(true);
	}, 60_000);

	it('has no SDK code in what the UI thread loads for its session', async () => {
		const metafile = await bundleGraph();
		for (const module of ['source/modes/tui.tsx', 'source/modes/session.ts']) {
			const outputs = loaded(metafile, outputOf(metafile, module), false);
			expect(
				inputsUnder(metafile, outputs, 'node_modules/@aws-sdk/', 'node_modules/@smithy/'),
				module,
			).toEqual([]);
		}
		// It is the AWS thread's.
		const thread = loaded(metafile, 'dist/aws-thread.js', false);
		expect(inputsUnder(metafile, thread, 'node_modules/@aws-sdk/client-ecs/')).not.toEqual([]);
	}, 60_000);
});
