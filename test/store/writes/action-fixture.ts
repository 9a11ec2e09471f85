/**
 * The action runner over real write adapters, beside the fleet store and poller of
 * fleet-fixture.ts, all against one simulator: what the TUI does when a key confirms a plan,
 * minus the terminal. The audit log goes to a fresh temporary directory.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createAwsAdapters} from '../../../source/aws/adapters.js';
import {createAwsClients} from '../../../source/aws/clients.js';
import type {AuditEntry} from '../../../source/store/writes/audit-log.js';
import {createAuditLog} from '../../../source/store/writes/audit-log.js';
import {createActionRunner, type ActionRunnerOptions} from '../../../source/store/writes/runner.js';
import type {ActionRunner} from '../../../source/store/writes/types.js';
import type {RequestLogEntry} from '../../../source/sim/protocol/admin.js';
import type {FaultSettings} from '../../../source/sim/faults.js';
import {testCredentials} from '../../helpers/sim.js';
import {startFleet, type Fleet} from '../fleet-fixture.js';

/** The operations that change the world: what "no request was sent" is about. */
export const writeOperations = new Set([
	'UpdateService',
	'StopTask',
	'RunTask',
	'UpdateContainerInstancesState',
	'SetDesiredCapacity',
]);

export type ActionFleet = Fleet & {
	runner: ActionRunner;
	adapters: ReturnType<typeof createAwsAdapters>;
	auditPath: string;
	/** Another runner on the same fleet (read-only, fake timers...). */
	makeRunner(overrides?: Partial<ActionRunnerOptions>): ActionRunner;
	/** The simulator's request log, read over its admin endpoint as another process would. */
	requests(): Promise<RequestLogEntry[]>;
	writeRequests(): Promise<RequestLogEntry[]>;
	/** Every line: each request has an intent line, a result line, maybe a settled line. */
	auditEntries(): AuditEntry[];
	/** The result lines only: one per request whose fate ecs-top learnt or gave up on. */
	auditResults(): AuditEntry[];
	auditText(): string;
	faults(patch: Partial<FaultSettings>): Promise<void>;
	resetFaults(): Promise<void>;
	/** Moves the world on by `ms` in steps and refreshes the store after each. */
	advanceAndRefresh(ms: number, stepMs?: number): Promise<void>;
};

export async function startActionFleet(): Promise<ActionFleet> {
	const fleet = await startFleet();
	const url = fleet.sim.server.url;
	const clients = createAwsClients({
		endpointUrl: url,
		region: 'us-east-1',
		credentials: testCredentials,
		maxAttempts: 1,
	});
	const adapters = createAwsAdapters(clients);
	const directory = mkdtempSync(join(tmpdir(), 'ecs-top-audit-'));
	const auditPath = join(directory, 'audit.jsonl');
	const auditLog = createAuditLog(auditPath);
	const runners: ActionRunner[] = [];
	const makeRunner = (overrides: Partial<ActionRunnerOptions> = {}): ActionRunner => {
		const runner = createActionRunner({
			adapters,
			fleet: fleet.store,
			readOnly: false,
			auditLog,
			now: () => fleet.sim.clock.now(),
			cliTarget: {region: 'us-east-1', endpoint: url},
			...overrides,
		});
		runners.push(runner);
		return runner;
	};
	const admin = async (path: string, body?: unknown): Promise<unknown> => {
		const answer = await fetch(`${url}${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			...(body === undefined ? {} : {body: JSON.stringify(body)}),
		});
		if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
		return answer.json();
	};
	const requests = async () =>
		((await admin('/__sim/requests')) as {entries: RequestLogEntry[]}).entries;
	const auditText = () => {
		try {
			return readFileSync(auditPath, 'utf8');
		} catch {
			return '';
		}
	};
	const auditEntries = () =>
		auditText()
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => JSON.parse(line) as AuditEntry);
	return {
		...fleet,
		runner: makeRunner(),
		adapters,
		auditPath,
		makeRunner,
		requests,
		async writeRequests() {
			return (await requests()).filter((entry) => writeOperations.has(entry.operation));
		},
		auditText,
		auditEntries,
		auditResults: () => auditEntries().filter((entry) => entry.phase === 'result'),
		async faults(patch) {
			await admin('/__sim/faults', patch);
		},
		async resetFaults() {
			await admin('/__sim/faults/reset', {});
		},
		async advanceAndRefresh(ms, stepMs = 15_000) {
			for (let moved = 0; moved < ms; moved += stepMs) {
				fleet.sim.advance(Math.min(stepMs, ms - moved));
				await fleet.refresh();
			}
		},
		async close() {
			for (const runner of runners) runner.dispose();
			clients.destroy();
			await fleet.close();
			rmSync(directory, {recursive: true, force: true});
		},
	};
}

export function clusterArn(fleet: Fleet, name: string): string {
	const found = fleet.store.getState().clusters.find((cluster) => cluster.name === name);
	if (found === undefined) throw new Error(`no cluster ${name}`);
	return found.arn;
}

/** Focuses a cluster (and a service) and waits until its data is in the store. */
export async function focus(fleet: Fleet, cluster: string, service?: string): Promise<string> {
	const arn = clusterArn(fleet, cluster);
	fleet.poller.setFocus({clusterArn: arn});
	await fleet.poller.whenIdle();
	if (service !== undefined) {
		const serviceArn = fleet.store
			.getState()
			.clusterViews[arn]?.services.find((candidate) => candidate.name === service)?.arn;
		if (serviceArn === undefined) throw new Error(`no service ${service} in ${cluster}`);
		fleet.poller.setFocus({clusterArn: arn, serviceArn});
		await fleet.poller.whenIdle();
	}
	return arn;
}
