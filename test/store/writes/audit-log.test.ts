import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAuditLog, defaultAuditLogPath} from '../../../source/store/writes/audit-log.js';
import {testCredentials} from '../../helpers/sim.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

describe('the audit log path', () => {
	it('lives under $XDG_STATE_HOME/ecs-top, else ~/.local/state/ecs-top', () => {
		expect(defaultAuditLogPath({XDG_STATE_HOME: '/state'})).toBe('/state/ecs-top/audit.jsonl');
		expect(defaultAuditLogPath({HOME: '/home/x', XDG_STATE_HOME: ''})).toMatch(
			/\/\.local\/state\/ecs-top\/audit\.jsonl$/,
		);
	});

	it('creates its directory, appends lines, keeps the file private, and reports a write it could not do', () => {
		const directory = mkdtempSync(join(tmpdir(), 'ecs-top-audit-'));
		try {
			const log = createAuditLog(join(directory, 'deep', 'audit.jsonl'));
			const entry = {
				time: '2026-01-01T00:00:00.000Z',
				phase: 'result' as const,
				requestId: 'r',
				identity: 'arn:aws:iam::1:user/a',
				region: 'eu-west-1',
				profile: undefined,
				endpoint: undefined,
				action: 'ecs:UpdateService',
				target: 'arn:service',
				before: 1,
				after: 2,
				result: 'applied' as const,
				planId: 'p',
			};
			expect(log.append(entry)).toBeUndefined();
			expect(log.append({...entry, after: 3})).toBeUndefined();
			const lines = readFileSync(log.path, 'utf8').trim().split('\n');
			expect(lines.map((line) => JSON.parse(line).after)).toEqual([2, 3]);
			expect(statSync(log.path).mode & 0o077).toBe(0);
			const blocked = createAuditLog(join(log.path, 'not-a-directory', 'audit.jsonl'));
			expect(blocked.append(entry)).toMatch(/ENOTDIR|EEXIST/);
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	});
});

describe('the audit log of a session', () => {
	let fleet: ActionFleet;
	beforeEach(async () => {
		fleet = await startActionFleet();
	});
	afterEach(async () => {
		await fleet.close();
	});

	it('has an intent and a result line per request sent, with who, where, what, before, after and result, and no secret', async () => {
		const web = await focus(fleet, 'web', 'api');
		const api = fleet.store.getState().focus.serviceArn!;
		const desired = fleet.store
			.getState()
			.clusterViews[web]!.services.find((service) => service.arn === api)!.desiredCount;
		const confirm = async (request: Parameters<typeof fleet.runner.plan>[0]) => {
			const outcome = fleet.runner.plan(request);
			if (!outcome.ok) throw new Error(outcome.refusal);
			return fleet.runner.confirm(outcome.plan);
		};
		await confirm({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api,
			desiredCount: desired + 1,
		});
		const tasks = (fleet.store.getState().tasks[`service:${api}`] ?? []).slice(0, 2);
		await confirm({kind: 'stop-tasks', clusterArn: web, taskArns: tasks.map((task) => task.arn)});
		await fleet.faults({denied: ['autoscaling']});
		await confirm({
			kind: 'scale-cluster',
			clusterArn: web,
			autoScalingGroupName: 'web-asg',
			desiredCapacity: 5,
		});
		await fleet.resetFaults();
		// Refused before sending: no line.
		fleet.runner.plan({kind: 'scale-service', clusterArn: web, serviceArn: api, desiredCount: -3});

		const sent = await fleet.writeRequests();
		const entries = fleet.auditEntries();
		// Each request: its intent line, then its result line, with the same request id.
		expect(entries.map((entry) => [entry.phase, entry.action])).toEqual(
			sent.flatMap((entry) => {
				const action =
					entry.service === 'autoscaling'
						? `autoscaling:${entry.operation}`
						: `ecs:${entry.operation}`;
				return [
					['intent', action],
					['result', action],
				];
			}),
		);
		expect(entries).toHaveLength(8);
		for (let index = 0; index < entries.length; index += 2) {
			expect(entries[index]!.requestId).toBe(entries[index + 1]!.requestId);
		}
		expect(new Set(entries.map((entry) => entry.requestId)).size).toBe(4);
		const identity = fleet.store.getState().identity!.arn;
		const common = {
			identity,
			region: 'us-east-1',
			endpoint: fleet.sim.server.url,
			action: 'ecs:UpdateService',
			target: api,
			before: desired,
			after: desired + 1,
			planId: expect.any(String),
			requestId: expect.any(String),
		};
		const time = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(entries[0]).toEqual({...common, time, phase: 'intent', result: 'sending'});
		expect(entries[1]).toEqual({...common, time, phase: 'result', result: 'applied'});
		const results = fleet.auditResults();
		expect(results[1]).toMatchObject({
			action: 'ecs:StopTask',
			target: tasks[0]!.arn,
			before: 'RUNNING',
			after: 'STOPPED',
			result: 'applied',
		});
		expect(results[1]!.planId).toBe(results[2]!.planId);
		expect(results[3]).toMatchObject({
			action: 'autoscaling:SetDesiredCapacity',
			target: 'web-asg',
			before: 4,
			after: 5,
			result: 'refused',
			errorCode: 'AccessDenied',
			errorMessage: expect.stringContaining('autoscaling:SetDesiredCapacity'),
		});
		const text = fleet.auditText();
		expect(text).not.toContain(testCredentials.secretAccessKey);
		expect(text).not.toMatch(/secret|AWS_|sessionToken/i);
	});
});
