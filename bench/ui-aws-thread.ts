/**
 * The AWS thread's first call, as the TUI's start makes it: the built dist/aws-thread.js started,
 * left to load (and warm up) as it does while the UI thread draws its first frame, then given its
 * options and asked for the clusters twice. The first call's time over the second's is what the
 * first frame with data waits for beyond the round trip itself.
 *
 *   node --import tsx bench/ui-aws-thread.ts [--runs 12 --compare-dist DIR]
 *
 * `--compare-dist` names another build's dist/ (a copy taken before a change): its thread runs
 * in every round too, in alternating order, against the same simulator.
 */
import {Worker} from 'node:worker_threads';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {AwsCall, AwsThreadInit} from '../source/aws/remote/protocol.js';
import {
	loadNow,
	median,
	numberFlag,
	runsText,
	sleep,
	startSimProcess,
	stringFlag,
} from './measure.js';

const runs = numberFlag('runs', 12);
const compareDist = stringFlag('compare-dist');
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
/** Long enough for the thread to load the SDK (and warm up) on a busy machine. */
const loadMs = 1_500;

async function firstAndSecond(distDir: string, url: string): Promise<[number, number]> {
	const thread = new Worker(pathToFileURL(`${distDir}/aws-thread.js`), {
		stdout: true,
		stderr: true,
	});
	try {
		await sleep(loadMs);
		const call = (id: number) =>
			new Promise<number>((resolve) => {
				const started = performance.now();
				const onMessage = (message: {id?: number; kind: string}) => {
					if (message.id !== id || message.kind === 'attempts') return;
					thread.off('message', onMessage);
					resolve(performance.now() - started);
				};
				thread.on('message', onMessage);
				thread.postMessage({
					kind: 'call',
					id,
					adapter: 'ecs',
					method: 'listClusterArns',
					args: [],
					poll: true,
				} satisfies AwsCall);
			});
		thread.postMessage({
			kind: 'init',
			options: {
				region: 'us-east-1',
				endpointUrl: url,
				credentials: {accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench'},
			},
		} satisfies AwsThreadInit);
		return [await call(1), await call(2)];
	} finally {
		await thread.terminate();
	}
}

const {sim, url} = await startSimProcess(`${dist}/cli.js`, 'demo');
try {
	const builds = [dist, ...(compareDist === undefined ? [] : [compareDist])];
	const times = new Map(
		builds.map((build) => [build, {first: [] as number[], second: [] as number[]}]),
	);
	// The simulator's own first answers are slower: one round that is not counted.
	await firstAndSecond(dist, url);
	const loads: number[] = [];
	for (let run = 0; run < runs; run++) {
		loads.push(loadNow());
		for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
			const [first, second] = await firstAndSecond(build, url);
			times.get(build)!.first.push(first);
			times.get(build)!.second.push(second);
		}
	}
	console.log(
		`AWS thread: first and second listClusterArns after init (load ${median(loads).toFixed(1)})`,
	);
	for (const [build, {first, second}] of times)
		console.log(
			`${build}: first ${median(first).toFixed(0)} ms, second ${median(second).toFixed(0)} ms (medians of ${runs}); first ${runsText(first)}`,
		);
} finally {
	sim.kill();
}
