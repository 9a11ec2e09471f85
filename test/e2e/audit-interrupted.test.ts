// ecs-top interrupted while an UpdateService is in flight: the simulator has applied it and holds
// the answer back (its latency fault), then ecs-top is killed (SIGKILL), terminated (SIGTERM) or
// quit (Ctrl-C). Whatever ends it, the audit file must match what AWS did: the request is there,
// and nothing in it says AWS refused the change.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {DescribeServicesCommand} from '@aws-sdk/client-ecs';
import {afterEach, describe, expect, it} from 'vitest';
import type {AuditEntry} from '../../source/store/writes/audit-log.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';
import {cliPath, isAlive, signal, TmuxTerminal, waitUntil, type Screen} from './tmux.js';

let sim: TestSim;
let terminal: TmuxTerminal;

afterEach(async () => {
	await terminal.kill();
	await sim.close();
});

const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');

function auditLines(): AuditEntry[] {
	let text = '';
	try {
		text = readFileSync(join(terminal.dir, 'state', 'ecs-top', 'audit.jsonl'), 'utf8');
	} catch {
		// No file: no line.
	}
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as AuditEntry);
}

async function desiredCount(cluster: string, service: string): Promise<number> {
	const answer = await sim.ecs.send(new DescribeServicesCommand({cluster, services: [service]}));
	return answer.services![0]!.desiredCount!;
}

/**
 * ecs-top against the simulator, a `+` on the first service confirmed while every answer is held
 * back: returns once the simulator has applied the UpdateService, with its pid and the request.
 */
async function updateInFlight() {
	sim = await startTestSim({scenario: 'demo', seed: 1, start: Date.now()});
	terminal = new TmuxTerminal();
	await terminal.start(
		`'${process.execPath}' '${cliPath}' --endpoint-url ${sim.server.url} --region us-east-1`,
		{
			columns: 120,
			rows: 35,
			env: {
				AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
				AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
				AWS_EC2_METADATA_DISABLED: 'true',
			},
		},
	);
	await terminal.waitFor('the clusters', loaded);
	await terminal.press('3');
	await terminal.waitFor('the services of the first cluster', (s) =>
		/Services \(\w+\) \[1\//.test(s.text),
	);
	await terminal.press('+');
	await terminal.waitFor('the confirmation', (s) => s.text.includes('y or Enter sends this'));
	sim.server.faults.set({latencyMs: 60_000});
	await terminal.press('y');
	const applied = await waitUntil(
		() => sim.server.requestLog.some((entry) => entry.operation === 'UpdateService'),
		15_000,
	);
	expect(applied).toBe(true);
	const request = sim.server.requestLog.find((entry) => entry.operation === 'UpdateService')!;
	const cluster = String(request.input['cluster']);
	const service = String(request.input['service']);
	const desired = Number(request.input['desiredCount']);
	return {pid: await terminal.commandPid(), cluster, service, desired};
}

/** What AWS did, read once the endpoint answers again: the change was applied. */
async function expectApplied(cluster: string, service: string, desired: number) {
	sim.server.faults.reset();
	expect(await desiredCount(cluster, service)).toBe(desired);
}

/** The request's lines: its intent is there, and no line contradicts what AWS did. */
function expectRecordMatches(service: string, desired: number): AuditEntry[] {
	const lines = auditLines().filter((line) => line.action === 'ecs:UpdateService');
	expect(lines[0]).toMatchObject({
		phase: 'intent',
		result: 'sending',
		target: expect.stringContaining(service),
		after: desired,
	});
	expect(new Set(lines.map((line) => line.requestId)).size).toBe(1);
	for (const line of lines) expect(['sending', 'applied', 'unknown']).toContain(line.result);
	return lines;
}

describe('the audit when ecs-top is interrupted with an UpdateService in flight', () => {
	it('SIGKILL: the intent line is there', async () => {
		const {pid, cluster, service, desired} = await updateInFlight();
		signal(pid, 'SIGKILL');
		expect(await waitUntil(() => !isAlive(pid), 5_000)).toBe(true);
		await expectApplied(cluster, service, desired);
		expect(expectRecordMatches(service, desired).map((line) => line.phase)).toEqual(['intent']);
	});

	it('SIGTERM: intent, then unknown (ecs-top quit before AWS answered), never an error', async () => {
		const {pid, cluster, service, desired} = await updateInFlight();
		signal(pid, 'SIGTERM');
		expect(await waitUntil(() => !isAlive(pid), 5_000)).toBe(true);
		await expectApplied(cluster, service, desired);
		const lines = expectRecordMatches(service, desired);
		expect(lines.map((line) => [line.phase, line.result])).toEqual([
			['intent', 'sending'],
			['result', 'unknown'],
		]);
		expect(lines[1]!.errorMessage).toBe('ecs-top quit before AWS answered');
	});

	it('Ctrl-C: the same', async () => {
		const {pid, cluster, service, desired} = await updateInFlight();
		await terminal.press('C-c');
		expect(await waitUntil(() => !isAlive(pid), 5_000)).toBe(true);
		await expectApplied(cluster, service, desired);
		const lines = expectRecordMatches(service, desired);
		expect(lines.map((line) => [line.phase, line.result])).toEqual([
			['intent', 'sending'],
			['result', 'unknown'],
		]);
	});
});
