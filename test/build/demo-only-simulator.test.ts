// The simulator's code is the demo's alone: a session against AWS loads none of it. The bundle's
// own import graph says what a start loads: the entries' static imports, followed through the
// chunks; the simulator must be reachable from the AWS thread only by a dynamic import.
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

function simulatorInputs(metafile: Metafile, outputs: Set<string>): string[] {
	return [...outputs].flatMap((output) =>
		Object.keys(metafile.outputs[output]?.inputs ?? {}).filter((input) =>
			input.startsWith('source/sim/'),
		),
	);
}

describe('the simulator in the bundle', () => {
	it('is loaded by no start of the CLI or the AWS thread, and reachable from the thread', async () => {
		const metafile = await bundleGraph();
		for (const entry of ['dist/cli.js', 'dist/aws-thread.js']) {
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
});
