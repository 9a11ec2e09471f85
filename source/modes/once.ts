/**
 * `ecs-top --once [--json]`: one snapshot, then exit (like `top -b -n 1`). Exit 0 with the
 * snapshot; 1 with one line on stderr when nothing useful can be printed (bad credentials,
 * unreachable endpoint, unknown cluster; 2 for no region).
 */
import {AwsApiError} from '../aws/errors.js';
import type {AppOptions} from '../options.js';
import {takeSnapshot, UnknownClustersError} from '../store/snapshot.js';
import {connect} from './connection.js';
import {mfaSessionCredentials, type Terminal} from './mfa-prompt.js';
import {onceDocumentParts} from './once-document.js';
import {jsonParts} from './once-json.js';
import {onceText} from './once-text.js';
import {printableLine} from '../text/printable.js';

export interface Output {
	write(text: string): void;
}

/**
 * A reader that stops early (`ecs-top --once --json | head`) closes the pipe: the next write
 * fails with EPIPE, which Node reports as an error event that would otherwise end the process
 * with a stack trace. The reader has what it wanted, so ecs-top ends quietly, as `cat` does;
 * any other failure to write is said in one line.
 */
export function endQuietlyWhenTheReaderLeaves(stdout: NodeJS.WritableStream, stderr: Output): void {
	stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE')
			stderr.write(`ecs-top: cannot write the snapshot: ${printableLine(error.message)}\n`);
		process.exit(error.code === 'EPIPE' ? 0 : 1);
	});
}

export async function runOnce(
	options: AppOptions,
	stdout: Output,
	stderr: Output,
	terminal?: Terminal,
): Promise<number> {
	// A role that needs an MFA code asks for it now, on stderr: stdout is the snapshot's.
	const mfa = await mfaSessionCredentials(options, terminal);
	if (!mfa.ok) {
		stderr.write(`ecs-top: ${mfa.error}\n`);
		return mfa.exitCode;
	}
	const connection = await connect(options, {sessionCredentials: mfa.credentials, readsOnly: true});
	try {
		let region: string;
		try {
			region = await connection.region();
		} catch {
			stderr.write(
				'ecs-top: no AWS region: use --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in your profile\n',
			);
			// Configuration, like a bad flag (cli.tsx usually catches this first).
			return 2;
		}
		const snapshot = await takeSnapshot(connection.adapters, {region, clusters: options.clusters});
		if (options.json) {
			// The document keeps AWS's exact text; JSON escapes spell out what a terminal would run.
			// Written in parts as they are made: 31 MB for 24,000 tasks (once-json.ts).
			for (const part of jsonParts(onceDocumentParts(snapshot))) stdout.write(part);
			stdout.write('\n');
		} else stdout.write(onceText(snapshot));
		// Partial data is still a snapshot (exit 0), but a script should hear what is missing.
		for (const problem of snapshot.apiErrors)
			stderr.write(`ecs-top: warning: ${printableLine(problem.message)}\n`);
		return 0;
	} catch (error) {
		if (error instanceof AwsApiError || error instanceof UnknownClustersError) {
			stderr.write(`ecs-top: ${printableLine(error.message)}\n`);
			return 1;
		}
		throw error;
	} finally {
		await connection.close();
	}
}
