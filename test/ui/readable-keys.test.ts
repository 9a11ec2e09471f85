// m, c, o and :messages through the pure dispatcher, and the UI store's message history.
import {describe, expect, it} from 'vitest';
import {confirmDialog} from '../../source/ui/dialogs/dialog-model.js';
import {dispatchKey} from '../../source/ui/input/dispatch.js';
import {keyPress, type KeyPress} from '../../source/ui/input/key-press.js';
import {runEffect} from '../../source/ui/input/run-effect.js';
import {osc52} from '../../source/text/osc52.js';
import type {PaneRows, Screen} from '../../source/ui/input/screen.js';
import type {Step} from '../../source/ui/input/step.js';
import {noKey} from '../../source/ui/keymap.js';
import {createUiStore, updateUi} from '../../source/ui/ui-store.js';
import {
	initialUiState,
	messageLogSize,
	withMessage,
	type UiState,
} from '../../source/ui/ui-state.js';
import type {ActionPlan} from '../../source/store/writes/types.js';

const sort = {columnKey: 'name', direction: 'asc'} as const;
const start = initialUiState({clusters: sort, instances: sort, services: sort, tasks: sort});
const arn = (resource: string) => `arn:aws:ecs:eu-west-1:123456789012:${resource}`;

function rows(...ids: string[]): PaneRows {
	return {ids, indexOf: new Map(ids.map((id, index) => [id, index]))};
}

const screen: Screen = {
	lists: {
		clusters: rows(arn('cluster/web')),
		instances: rows(arn('container-instance/web/abc')),
		services: rows(arn('service/web/api'), arn('service/web/redis')),
		tasks: rows(arn('task/web/0123')),
	},
	pageRows: {clusters: 2, instances: 2, services: 2, tasks: 2},
	sortable: () => [],
	taskDefinitions: {
		families: ['api'],
		newest: new Map([['api', arn('task-definition/api:3')]]),
		pageRows: 10,
	},
	focus: {clusterArn: arn('cluster/web')},
	paused: false,
	writes: {allowed: true},
	canSwitch: true,
	problems: {ids: [], targets: new Map(), pageRows: 10},
};

const char = (character: string): KeyPress =>
	keyPress(character, {...noKey, shift: /^[A-Z]$/u.test(character)});
const enter = keyPress('', {...noKey, return: true});
const escape = keyPress('', {...noKey, escape: true, meta: true});

function run(state: UiState, ...presses: KeyPress[]): Step {
	let effects: Step['effects'] = [];
	for (const next of presses) {
		const step = dispatchKey(state, next, screen);
		state = step.state;
		effects = [...effects, ...step.effects];
	}
	return {state, effects};
}

const onServices: UiState = {...start, focused: 'services'};

describe('c copies what is selected', () => {
	it("copies the selected row's ARN, naming what it is", () => {
		expect(run(onServices, char('j'), char('c')).effects).toEqual([
			{kind: 'copy', text: arn('service/web/redis'), what: 'the service ARN'},
		]);
	});

	it("copies an open detail's object, and the :td list's revision", () => {
		const detail = run(onServices, enter, char('c'));
		expect(detail.effects).toEqual([
			{kind: 'copy', text: arn('service/web/api'), what: 'the service ARN'},
		]);
		const td = run(start, char(':'), ...[...'td'].map(char), enter, char('c'));
		expect(td.effects).toEqual([
			{kind: 'copy', text: arn('task-definition/api:3'), what: 'the task definition ARN'},
		]);
	});

	it("copies a confirmation's aws command, and leaves the dialog open", () => {
		const plan = {
			id: 'plan-1',
			title: 'Scale api',
			changes: ['desired 3 -> 4'],
			cliCommands: ['aws ecs update-service --cluster web --service api --desired-count 4'],
		} as unknown as ActionPlan;
		const dialog = confirmDialog(plan);
		const step = run({...onServices, dialog}, char('c'));
		expect(step.effects).toEqual([
			{kind: 'copy', text: plan.cliCommands[0], what: 'the aws command'},
		]);
		expect(step.state.dialog).toBe(dialog);
	});

	it('says so when nothing is selected', () => {
		const empty = {...screen, lists: {...screen.lists, tasks: rows()}};
		const step = dispatchKey({...start, focused: 'tasks'}, char('c'), empty);
		expect(step.effects).toEqual([]);
		expect(step.state.message?.text).toBe('nothing selected to copy');
	});
});

describe('o shows the console URL', () => {
	it("shows the selected object's console page whole, in its region", () => {
		const step = run(onServices, char('o'));
		expect(step.state.message?.text).toBe(
			'service in the AWS console: https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/web/services/api/health?region=eu-west-1',
		);
		expect(step.state.overlay).toEqual({kind: 'messages', only: 'last', scroll: 0});
	});
});

describe('m and :messages', () => {
	const logged: UiState = {
		...start,
		messageLog: [
			{text: 'DENIED cloudwatch:GetMetricData on the whole account', tone: 'warn', at: 2},
			{text: 'polling paused', tone: 'info', at: 1},
		],
	};

	it('m opens the last message whole; m, Esc or Enter close it', () => {
		const open = run(logged, char('m')).state;
		expect(open.overlay).toEqual({kind: 'messages', only: 'last', scroll: 0});
		expect(run(open, char('m')).state.overlay).toEqual({kind: 'none'});
		expect(run(open, escape).state.overlay).toEqual({kind: 'none'});
		expect(run(open, enter).state.overlay).toEqual({kind: 'none'});
	});

	it('c in the message view copies the message', () => {
		expect(run(logged, char('m'), char('c')).effects).toEqual([
			{
				kind: 'copy',
				text: 'DENIED cloudwatch:GetMetricData on the whole account',
				what: 'the message',
			},
		]);
	});

	it('m with no message says so', () => {
		expect(run(start, char('m')).state.message?.text).toBe('no messages yet');
	});

	it(':messages lists them all', () => {
		const step = run(logged, char(':'), ...[...'messages'].map(char), enter);
		expect(step.state.overlay).toEqual({kind: 'messages', only: 'all', scroll: 0});
	});
});

describe('the message history', () => {
	it('keeps every new message newest first, with its time, whoever set it', () => {
		let clock = 1000;
		const store = createUiStore(start, () => clock);
		updateUi(store, (state) => withMessage(state, 'first'));
		clock = 2000;
		// A key's step is stored with setState, as the keyboard does.
		store.setState(run(store.getState(), char('p')).state, true);
		expect(store.getState().messageLog).toEqual([
			{text: 'polling paused: p resumes, R refreshes once', tone: 'info', at: 2000},
			{text: 'first', tone: 'info', at: 1000},
		]);
		// A change that keeps the same message does not log it again.
		updateUi(store, (state) => ({...state, focused: 'tasks'}));
		expect(store.getState().messageLog).toHaveLength(2);
	});

	it('keeps at most its bound, dropping the oldest', () => {
		let clock = 0;
		const store = createUiStore(start, () => clock++);
		for (let i = 0; i < messageLogSize + 5; i++)
			updateUi(store, (state) => withMessage(state, `message ${i}`));
		const log = store.getState().messageLog;
		expect(log).toHaveLength(messageLogSize);
		expect(log[0]!.text).toBe(`message ${messageLogSize + 4}`);
		expect(log.at(-1)!.text).toBe('message 5');
	});
});

describe('the copy effect', () => {
	const targets = (writeTerminal?: (data: string) => void) => {
		const ui = createUiStore(start);
		return {
			ui,
			// Copying touches only the UI store and the terminal; the fleet is a stand-in.
			to: {ui, writeTerminal, fleet: {getState: () => ({wants: {}})}} as unknown as Parameters<
				typeof runEffect
			>[2],
		};
	};
	const copy = {kind: 'copy', text: arn('cluster/web'), what: 'the cluster ARN'} as const;

	it('writes the OSC 52 sequence to the terminal and says what was copied', () => {
		const written: string[] = [];
		const {ui, to} = targets((data) => written.push(data));
		runEffect(copy, undefined as never, to);
		expect(written).toEqual([osc52(arn('cluster/web'))]);
		expect(ui.getState().message).toEqual({
			text: `copied the cluster ARN to the clipboard (OSC 52): ${arn('cluster/web')}`,
			tone: 'ok',
		});
	});

	it('says the copy did not happen when the output is not a terminal', () => {
		const {ui, to} = targets(undefined);
		const wasTty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
		Object.defineProperty(process.stdout, 'isTTY', {value: false, configurable: true});
		try {
			runEffect(copy, undefined as never, to);
		} finally {
			if (wasTty) Object.defineProperty(process.stdout, 'isTTY', wasTty);
			else delete (process.stdout as {isTTY?: boolean}).isTTY;
		}
		expect(ui.getState().message).toEqual({
			text: 'the cluster ARN not copied: the output is not a terminal',
			tone: 'warn',
		});
	});
});
