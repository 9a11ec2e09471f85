/**
 * Finds the local programs `e` and `F` hand the terminal to, by running them: `aws --version`
 * says which CLI it is (v1 printed it on stderr, v2 on stdout), and `session-manager-plugin
 * --version` only has to run. A program found is remembered; one missing is looked for again a
 * little later, so installing it while ecs-top runs is enough.
 */
import {spawnSync} from 'node:child_process';
import type {LocalTools} from './hand-off.js';

/** Enough for `aws --version` on a slow laptop; a hung program must not hang the dialog. */
const probeTimeoutMs = 5_000;
/** How long a missing program is believed missing before it is looked for again. */
const missingForMs = 5_000;

function firstLine(file: string, env: NodeJS.ProcessEnv): string | undefined {
	const run = spawnSync(file, ['--version'], {
		env,
		encoding: 'utf8',
		timeout: probeTimeoutMs,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (run.error !== undefined || run.status !== 0) return undefined;
	const text = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim();
	return text.split('\n')[0]?.trim() || file;
}

export function probeLocalTools(env: NodeJS.ProcessEnv = process.env): LocalTools {
	return {
		awsVersion: firstLine('aws', env),
		sessionManagerPlugin: firstLine('session-manager-plugin', env) !== undefined,
	};
}

/** The probe, remembered while what it found is complete, re-run a while after it was not. */
export function cachedLocalTools(
	probe: () => LocalTools = () => probeLocalTools(),
	now: () => number = Date.now,
): () => LocalTools {
	let found: {tools: LocalTools; at: number} | undefined;
	return () => {
		const complete =
			found !== undefined &&
			found.tools.awsVersion !== undefined &&
			found.tools.sessionManagerPlugin;
		if (found === undefined || (!complete && now() - found.at >= missingForMs)) {
			found = {tools: probe(), at: now()};
		}
		return found.tools;
	};
}
