/**
 * Simulators for the UI bench. `large` runs as its own process, as a user would run it, so its
 * world building and serving never share a CPU timeline with the bench's own timing. The paused
 * world runs in-process on a ManualClock: nothing in it changes unless the bench says so, which is
 * the only way to see what an unchanged refresh costs the terminal.
 */
import {spawn} from 'node:child_process';
import {startSim, type SimServer} from '../source/sim/index.js';
import type {ScenarioName} from '../source/sim/scenarios/index.js';
import {ManualClock} from '../source/sim/world/clock.js';
import {cliPath} from './ui-session.js';

export interface RunningSim {
	url: string;
	close(): Promise<void>;
}

export async function startSimProcess(
	scenario: ScenarioName,
	timeoutMs: number,
): Promise<RunningSim> {
	const child = spawn(process.execPath, [cliPath, 'sim', '--scenario', scenario, '--port', '0'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const close = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
		await exited;
		clearTimeout(timer);
	};
	try {
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			let err = '';
			const timer = setTimeout(
				() => reject(new Error(`sim --scenario ${scenario} not listening after ${timeoutMs} ms`)),
				timeoutMs,
			);
			child.stdout.setEncoding('utf8').on('data', (text: string) => {
				out += text;
				const match = out.match(/listening on (\S+)/u);
				if (match?.[1]) {
					clearTimeout(timer);
					resolve(match[1]);
				}
			});
			child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`sim exited with ${code}: ${err.trim()}`));
			});
		});
		return {url, close};
	} catch (error) {
		await close();
		throw error;
	}
}

export async function startPausedSim(scenario: ScenarioName): Promise<SimServer> {
	// Now, not the ManualClock's fixed default: ages on screen then read like a live account's.
	return startSim({scenario, seed: 1, clock: new ManualClock(Date.now())});
}
