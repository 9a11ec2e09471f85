// The dispatcher without Ink: a key press (or a paste) on a UI state and what the screen shows
// gives the next state and the effects the shell carries out. What the App's keys do, one
// transition at a time; the App tests check the same keys through the terminal.
import {describe, expect, it} from 'vitest';
import type {ProblemTarget} from '../../source/model/problems.js';
import type {Key} from 'ink';
import {
	confirmDialog,
	editDialog,
	type ActionDialog,
} from '../../source/ui/dialogs/dialog-model.js';
import {dispatchKey, dispatchPaste} from '../../source/ui/input/dispatch.js';
import {keyPress, keyPresses, type KeyPress} from '../../source/ui/input/key-press.js';
import {paneHandlers} from '../../source/ui/input/pane-handlers.js';
import type {PaneRows, Screen} from '../../source/ui/input/screen.js';
import type {Step} from '../../source/ui/input/step.js';
import {
	readOnlyRefusal,
	unavailableRefusal,
	writeAccess,
} from '../../source/ui/input/write-access.js';
import {keymap, noKey} from '../../source/ui/keymap.js';
import {paneOrder, type PaneId} from '../../source/ui/layout.js';
import {initialUiState, type UiState} from '../../source/ui/ui-state.js';
import type {ActionPlan} from '../../source/store/writes/types.js';

const sort = {columnKey: 'name', direction: 'asc'} as const;
const start = initialUiState({clusters: sort, instances: sort, services: sort, tasks: sort});

function rows(...ids: string[]): PaneRows {
	return {ids, indexOf: new Map(ids.map((id, index) => [id, index]))};
}

function screen(overrides: Partial<Screen> = {}): Screen {
	return {
		lists: {
			clusters: rows('c1', 'c2', 'c3'),
			instances: rows('i1', 'i2'),
			services: rows('s1', 's2'),
			tasks: rows('t1', 't2', 't3', 't4', 't5'),
		},
		pageRows: {clusters: 2, instances: 2, services: 2, tasks: 2},
		sortable: () => [
			{key: 'name', numeric: false},
			{key: 'desired', numeric: true},
		],
		taskDefinitions: {
			families: ['api', 'web'],
			newest: new Map([
				['api', 'arn:td/api:3'],
				['web', 'arn:td/web:7'],
			]),
			pageRows: 10,
		},
		problems: {ids: [], targets: new Map(), pageRows: 10},
		focus: {clusterArn: 'c1'},
		paused: false,
		writes: {allowed: true},
		canSwitch: true,
		...overrides,
	};
}

/** What a terminal sends, as Ink shapes it. */
const keys = {
	enter: keyPress('', {...noKey, return: true}),
	escape: keyPress('', {...noKey, escape: true, meta: true}),
	backspace: keyPress('', {...noKey, backspace: true}),
	pageDown: keyPress('', {...noKey, pageDown: true}),
	tab: keyPress('', {...noKey, tab: true}),
	right: keyPress('', {...noKey, rightArrow: true}),
	ctrlC: keyPress('c', {...noKey, ctrl: true}),
};
const char = (character: string): KeyPress =>
	keyPress(character, {...noKey, shift: /^[A-Z]$/u.test(character)});
const press = (text: string): KeyPress[] => [...text].map(char);

/** Presses the keys in turn, each on the state the one before left; all the effects in order. */
function run(state: UiState, presses: readonly KeyPress[], on: Screen = screen()): Step {
	let effects: Step['effects'] = [];
	for (const next of presses) {
		const step = dispatchKey(state, next, on);
		state = step.state;
		effects = [...effects, ...step.effects];
	}
	return {state, effects};
}

const inPane = (pane: PaneId, state: UiState = start): UiState => ({...state, focused: pane});

const plan: ActionPlan = {
	id: 'plan-1',
	title: 'Scale api',
	changes: ['desired 3 -> 4'],
	request: {kind: 'scale-service', clusterArn: 'c1', serviceArn: 's1', desiredCount: 4},
} as unknown as ActionPlan;

describe('the handler table', () => {
	it('has a handler for every command of the panes, and none for another', () => {
		const paneCommands = keymap
			.filter((binding) => ['global', 'list', 'action'].includes(binding.scope))
			.map((binding) => binding.command)
			.sort();
		expect(Object.keys(paneHandlers).sort()).toEqual(paneCommands);
	});
});

describe('moving', () => {
	it('each key acts on the state the previous one left: j j moves two rows', () => {
		const {state} = run(inPane('tasks'), press('jj'));
		expect(state.selected.tasks).toBe('t3');
	});

	it('stops at the ends, pages by the rows shown, G and g go to the last and first', () => {
		expect(run(inPane('clusters'), press('jjjjj')).state.selected.clusters).toBe('c3');
		expect(run(inPane('tasks'), [keys.pageDown]).state.selected.tasks).toBe('t3');
		expect(run(inPane('tasks'), press('G')).state.selected.tasks).toBe('t5');
		expect(run(inPane('tasks'), press('Gg')).state.selected.tasks).toBe('t1');
		expect(run(inPane('services'), press('k')).state.selected.services).toBe('s1');
	});

	it('Tab, Shift-Tab and 1-4 move the keyboard between panes', () => {
		expect(run(start, [keys.tab]).state.focused).toBe('instances');
		expect(run(start, press('4')).state.focused).toBe('tasks');
		expect(run(start, [keyPress('', {...noKey, tab: true, shift: true})]).state.focused).toBe(
			'tasks',
		);
	});

	it('the tasks start on the whole cluster; moving in services scopes them to the service under the cursor', () => {
		expect(start.taskService).toBeUndefined();
		expect(run(inPane('services'), press('j')).state.taskService).toBe('s2');
		// k at the top still picks the service the cursor is on.
		expect(run(inPane('services'), press('k')).state.taskService).toBe('s1');
	});

	it('no key but the services cursor, Esc, :tasks, → into a cluster or another cluster changes the scope', () => {
		const scoped = {...start, taskService: 's2'};
		for (const keysTyped of ['4', '4j', '4jj', '4>', '4I', '4t', '2j', '?']) {
			expect(run(scoped, press(keysTyped)).state.taskService, keysTyped).toBe('s2');
		}
		expect(
			run({...scoped, selected: {...start.selected, clusters: 'c1'}}, press('j')).state.taskService,
		).toBeUndefined();
		expect(run(scoped, [keys.right]).state.taskService).toBeUndefined();
		// Enter on a cluster shows its details: the tasks keep their scope.
		expect(run(scoped, [keys.enter]).state.taskService).toBe('s2');
	});

	it('< and > step the sort; numbers sort biggest first', () => {
		expect(run(start, press('>')).state.sorts.clusters).toEqual({
			columnKey: 'desired',
			direction: 'desc',
		});
		expect(run(start, press('>>')).state.sorts.clusters).toEqual(sort);
	});

	it('I reverses the sort, and I again puts it back', () => {
		expect(run(start, press('I')).state.sorts.clusters).toEqual({
			columnKey: 'name',
			direction: 'desc',
		});
		expect(run(start, press('>I')).state.sorts.clusters).toEqual({
			columnKey: 'desired',
			direction: 'asc',
		});
		expect(run(start, press('II')).state.sorts.clusters).toEqual(sort);
	});

	it('< and > step only among the columns the table shows', () => {
		const narrow = {...start, shownColumns: {...start.shownColumns, clusters: ['name']}};
		expect(run(narrow, press('>')).state.sorts.clusters).toEqual(sort);
		expect(run(narrow, press('<')).state.sorts.clusters).toEqual(sort);
		// Sorted by a column the terminal no longer shows: > comes back to the first one shown.
		const hidden = {
			...narrow,
			sorts: {...narrow.sorts, clusters: {columnKey: 'desired', direction: 'desc' as const}},
		};
		expect(run(hidden, press('>')).state.sorts.clusters).toEqual(sort);
	});

	it('the stopped tasks keep their own sort, newest stop first at the start', () => {
		const stopped = {...inPane('tasks'), stoppedTasks: true};
		expect(stopped.stoppedSort).toEqual({columnKey: 'stopped', direction: 'asc'});
		const reversed = run(stopped, press('I')).state;
		expect(reversed.stoppedSort).toEqual({columnKey: 'stopped', direction: 'desc'});
		expect(reversed.sorts.tasks).toEqual(sort);
	});
});

describe('Enter and Esc', () => {
	it('Enter opens the details of a cluster as of a service; Right drills a cluster down', () => {
		const cluster = run(start, press('j').concat(keys.enter));
		expect(cluster.state.overlay).toEqual({kind: 'detail', pane: 'clusters', id: 'c2', scroll: 0});
		expect(cluster.effects).toEqual([]);
		const drilled = run(start, press('j').concat(keys.right));
		expect(drilled.state.focused).toBe('services');
		expect(drilled.effects).toEqual([{kind: 'set-focus', focus: {clusterArn: 'c2'}}]);
		// From the cluster's details too: one key, and the details close.
		const fromDetail = run(cluster.state, [keys.right]);
		expect(fromDetail.state.focused).toBe('services');
		expect(fromDetail.state.overlay).toEqual({kind: 'none'});
		expect(fromDetail.effects).toEqual([{kind: 'set-focus', focus: {clusterArn: 'c2'}}]);
		// Elsewhere Right does nothing.
		expect(run(inPane('services'), [keys.right]).state.focused).toBe('services');
		const detail = run(inPane('services'), [keys.enter]);
		expect(detail.state.overlay).toEqual({kind: 'detail', pane: 'services', id: 's1', scroll: 0});
	});

	it('Esc clears the filter, then the marks, then widens the tasks to the cluster', () => {
		const on = screen({focus: {clusterArn: 'c1', serviceArn: 's1'}});
		const busy = {
			...inPane('tasks'),
			filters: {...start.filters, tasks: 'x'},
			marked: new Set(['t1']),
		};
		const first = run(busy, [keys.escape], on);
		expect(first.state.filters.tasks).toBe('');
		expect(first.state.marked.size).toBe(1);
		const second = run(first.state, [keys.escape], on);
		expect(second.state.marked.size).toBe(0);
		expect(second.state.message).toEqual({text: 'marks cleared', tone: 'info'});
		const third = run({...second.state, taskService: 's1'}, [keys.escape], on);
		expect(third.state.taskService).toBeUndefined();
		expect(third.effects).toEqual([{kind: 'set-focus', focus: {clusterArn: 'c1'}}]);
	});
});

describe('global keys', () => {
	it('q and Ctrl-C quit; R refreshes and says so; p pauses and resumes', () => {
		expect(run(start, press('q')).effects).toEqual([{kind: 'quit'}]);
		expect(run(start, [keys.ctrlC]).effects).toEqual([{kind: 'quit'}]);
		const refresh = run(start, press('R'));
		expect(refresh.effects).toEqual([{kind: 'refresh'}]);
		expect(refresh.state.message?.text).toBe('refreshing…');
		expect(run(start, press('p')).effects).toEqual([{kind: 'set-paused', paused: true}]);
		const resumed = run(start, press('p'), screen({paused: true}));
		expect(resumed.effects).toEqual([{kind: 'set-paused', paused: false}]);
		expect(resumed.state.message?.text).toBe('polling resumed');
	});

	it('a message stays until the next key that means something', () => {
		const said = {...start, message: {text: 'hello', tone: 'info' as const}};
		expect(run(said, press('Z')).state.message?.text).toBe('hello');
		expect(run(said, press('j')).state.message).toBeUndefined();
	});

	it('t shows the stopped tasks, t again the running ones', () => {
		const stopped = run(inPane('tasks'), press('t'));
		expect(stopped.state.stoppedTasks).toBe(true);
		expect(run(stopped.state, press('t')).state.stoppedTasks).toBe(false);
	});
});

describe('write keys', () => {
	const writeKeys = keymap.filter((binding) => binding.requiresWrite);

	it('are not bound while writes are off: one message says why, nothing else happens', () => {
		for (const [why, writes] of [
			[readOnlyRefusal, writeAccess(true, undefined)],
			[unavailableRefusal, writeAccess(false, undefined)],
		] as const) {
			for (const pane of paneOrder) {
				for (const binding of writeKeys) {
					const name = binding.keys[0]!;
					const key = name === 'space' ? char(' ') : char(name);
					const state = inPane(pane);
					const step = run(state, [key], screen({writes}));
					expect(step.effects, `${name} in ${pane}`).toEqual([]);
					expect(step.state).toEqual({...state, message: {text: why, tone: 'warn'}});
				}
			}
		}
	});

	it('open their dialog where they mean something, and say which pane elsewhere', () => {
		expect(run(inPane('services'), press('+')).effects).toEqual([
			{kind: 'open-dialog', command: 'scale-up'},
		]);
		const elsewhere = run(inPane('tasks'), press('+'));
		expect(elsewhere.effects).toEqual([]);
		expect(elsewhere.state.message).toEqual({
			text: 'desired count +1: go to the services pane first',
			tone: 'warn',
		});
		expect(run(start, press('u')).effects).toEqual([{kind: 'open-dialog', command: 'undo'}]);
	});

	it('Space marks the row and moves on; the title and x act on the marks', () => {
		const {state} = run(inPane('tasks'), press('  '));
		expect([...state.marked]).toEqual(['t1', 't2']);
		expect(state.selected.tasks).toBe('t3');
		expect([...run(inPane('tasks', state), press('k ')).state.marked]).toEqual(['t1']);
	});
});

describe('help, details and the :td list', () => {
	const viewport = {maxScroll: 5, page: 3};

	it('help scrolls within its text and closes on ?, Esc or Enter', () => {
		const open = {...run(start, press('?')).state, textViewport: viewport};
		expect(open.overlay).toEqual({kind: 'help', scroll: 0});
		expect(run(open, press('jj')).state.overlay).toEqual({kind: 'help', scroll: 2});
		expect(run(open, [keys.pageDown, keys.pageDown]).state.overlay).toEqual({
			kind: 'help',
			scroll: 5,
		});
		expect(run(open, press('Gk')).state.overlay).toEqual({kind: 'help', scroll: 4});
		for (const close of [char('?'), keys.escape, keys.enter])
			expect(run(open, [close]).state.overlay).toEqual({kind: 'none'});
	});

	it(":td moves its own selection, lists a family's revisions, opens one, and refuses pane keys", () => {
		const list = run(start, [...press(':td'), keys.enter]).state;
		expect(list.overlay.kind).toBe('task-definitions');
		const revisions = run(list, [char('j'), keys.enter]).state;
		expect(revisions.overlay).toEqual({
			kind: 'task-definitions',
			selected: 'web',
			opened: undefined,
			scroll: 0,
			revisions: {family: 'web', selected: 'arn:td/web:7', marked: undefined, compared: undefined},
		});
		expect(run(revisions, [keys.enter]).state.overlay).toMatchObject({opened: 'arn:td/web:7'});
		expect(run(revisions, [keys.escape]).state.overlay).toMatchObject({revisions: undefined});
		const refused = run(list, press('+'));
		expect(refused.state.message).toEqual({
			text: '+ acts on the panes: Esc closes the task definitions first',
			tone: 'warn',
		});
		// r runs the chosen definition, whatever pane is behind the list.
		expect(run(inPane('instances', list), press('r')).effects).toEqual([
			{kind: 'open-dialog', command: 'run-task'},
		]);
		const toPane = run(list, press('3')).state;
		expect(toPane.overlay).toEqual({kind: 'none'});
		expect(toPane.focused).toBe('services');
		expect(run(list, [keys.escape]).state.overlay).toEqual({kind: 'none'});
	});
});

describe('the / filter and the : prompt', () => {
	it('take letters as text (q too), apply the filter as typed, Esc clears it', () => {
		const typed = run(start, press('/bq'));
		expect(typed.effects).toEqual([]);
		expect(typed.state.filters.clusters).toBe('bq');
		expect(run(typed.state, [keys.backspace]).state.filters.clusters).toBe('b');
		expect(run(typed.state, [keys.enter]).state).toMatchObject({
			overlay: {kind: 'none'},
			filters: {clusters: 'bq'},
		});
		expect(run(typed.state, [keys.escape]).state).toMatchObject({
			overlay: {kind: 'none'},
			filters: {clusters: ''},
		});
		expect(run(typed.state, [keys.ctrlC]).effects).toEqual([{kind: 'quit'}]);
	});

	it(':svc goes to services; :tasks widens the tasks to the selected cluster', () => {
		expect(run(start, [...press(':svc'), keys.enter]).state.focused).toBe('services');
		const tasks = run(start, [...press('j:tasks'), keys.enter]);
		expect(tasks.state).toMatchObject({focused: 'tasks', taskService: undefined});
		expect(tasks.effects).toEqual([{kind: 'set-focus', focus: {clusterArn: 'c2'}}]);
	});

	it(':region and :profile switch, say so, and say when they cannot', () => {
		const region = run(start, [...press(':region eu-west-1'), keys.enter]);
		expect(region.effects).toEqual([{kind: 'switch', target: {region: 'eu-west-1'}}]);
		expect(region.state.message?.text).toBe('switching to region eu-west-1…');
		const back = run(start, [...press(':profile'), keys.enter]);
		expect(back.effects).toEqual([{kind: 'switch', target: {profile: undefined}}]);
		const nowhere = run(
			start,
			[...press(':region eu-west-1'), keys.enter],
			screen({canSwitch: false}),
		);
		expect(nowhere.effects).toEqual([]);
		expect(nowhere.state.message?.text).toBe('switching region is not available here');
		expect(run(start, [...press(':bogus'), keys.enter]).state.message?.text).toContain(
			'unknown command :bogus',
		);
		expect(run(start, [...press(':q'), keys.enter]).effects).toEqual([{kind: 'quit'}]);
	});
});

describe('an open dialog', () => {
	const confirming = {...start, dialog: confirmDialog(plan)};
	const editing: UiState = {
		...start,
		dialog: editDialog({
			title: 'Set the desired count',
			context: [],
			fields: [{label: 'desired count', text: '3', kind: 'count'}],
			toRequest: () => 'type a count',
		}),
	};

	it('has the keyboard: y asks to send, n cancels, other keys do nothing', () => {
		expect(run(confirming, press('y')).effects).toEqual([
			{kind: 'confirm-dialog', dialog: confirming.dialog},
		]);
		const cancelled = run(confirming, press('n')).state;
		expect(cancelled.dialog).toBeUndefined();
		expect(cancelled.message?.text).toBe('cancelled: nothing was sent');
		expect(run(confirming, press('j3x'))).toEqual({state: confirming, effects: []});
	});

	it('lets q and Ctrl-C quit from a confirmation, but q is a letter in a field', () => {
		expect(run(confirming, press('q')).effects).toEqual([{kind: 'quit'}]);
		expect(run(editing, [keys.ctrlC]).effects).toEqual([{kind: 'quit'}]);
		const typed = run(editing, press('q4')).state.dialog as ActionDialog;
		expect(typed.fields[0]!.text).toBe('34');
		expect(run(editing, [keys.enter]).effects).toEqual([
			{kind: 'review-dialog', dialog: editing.dialog},
		]);
	});

	it('while sending, Esc hides the box and nothing else does', () => {
		const sending = {...start, dialog: {...confirmDialog(plan), step: 'sending' as const}};
		expect(run(sending, press('yn'))).toEqual({state: sending, effects: []});
		expect(run(sending, [keys.escape]).state.dialog).toBeUndefined();
	});
});

describe('a paste', () => {
	it('is text in a field, never keys; elsewhere it is ignored and said so', () => {
		const filter = run(start, press('/')).state;
		expect(dispatchPaste(filter, 'web\r\nq').state.filters.clusters).toBe('webq');
		const ignored = dispatchPaste(start, 'jjjq');
		expect(ignored.effects).toEqual([]);
		expect(ignored.state.message?.text).toBe('pasted text ignored: paste into / or :');
		const confirming = {...start, dialog: confirmDialog(plan)};
		expect(dispatchPaste(confirming, 'y').state.message?.text).toBe(
			'pasted text ignored: a confirmation takes a key pressed on its own',
		);
	});
});

describe('a read of the terminal', () => {
	const names = (input: string, key: Partial<Key> = {}) =>
		keyPresses(input, {...noKey, ...key}).map((p) => p.name);

	it('is one key press per character, Enter and Tab included', () => {
		expect(names('jjj')).toEqual(['j', 'j', 'j']);
		expect(names('web\r')).toEqual(['w', 'e', 'b', 'enter']);
		expect(names('\tG')).toEqual(['tab', 'G']);
	});

	it('turns Alt+key into Esc then the key, and leaves Ctrl keys alone', () => {
		expect(names('j', {meta: true})).toEqual(['escape', 'j']);
		expect(names('c', {ctrl: true})).toEqual(['ctrl+c']);
	});
});

describe('the problem feed (!)', () => {
	const targets = new Map<string, ProblemTarget>([
		['p1', {kind: 'service', clusterArn: 'c2', serviceArn: 's2'}],
		['p2', {kind: 'task', clusterArn: 'c2', serviceArn: 's2', taskArn: 't9'}],
		['p3', {kind: 'instance', clusterArn: 'c3', instanceArn: 'i7'}],
	]);
	const withFeed = screen({problems: {ids: ['p1', 'p2', 'p3'], targets, pageRows: 10}});

	it('! opens and closes it; its movement keys move its selection, not the panes', () => {
		const opened = run(inPane('tasks'), press('!j'), withFeed).state;
		expect(opened.overlay).toEqual({kind: 'problems', selected: 'p2'});
		expect(opened.selected.tasks).toBeUndefined();
		expect(run(opened, press('!'), withFeed).state.overlay).toEqual({kind: 'none'});
		expect(run(opened, [keys.escape], withFeed).state.overlay).toEqual({kind: 'none'});
	});

	it('Enter on a service goes to its row in the services pane, its cluster focused at once', () => {
		const {state, effects} = run(start, [...press('!'), keys.enter], withFeed);
		expect(state.overlay).toEqual({kind: 'none'});
		expect(state.focused).toBe('services');
		expect(state.selected).toMatchObject({clusters: 'c2', services: 's2'});
		expect(effects).toEqual([{kind: 'set-focus', focus: {clusterArn: 'c2', serviceArn: 's2'}}]);
	});

	it('Enter on a stopped task shows the stopped tasks with it selected', () => {
		const {state, effects} = run(start, [...press('!j'), keys.enter], withFeed);
		expect(state.focused).toBe('tasks');
		expect(state.stoppedTasks).toBe(true);
		expect(state.selected).toMatchObject({clusters: 'c2', services: 's2', tasks: 't9'});
		expect(effects).toEqual([{kind: 'set-focus', focus: {clusterArn: 'c2', serviceArn: 's2'}}]);
	});

	it('Enter on an instance goes to the instances pane, its row selected', () => {
		const {state} = run(start, [...press('!G'), keys.enter], withFeed);
		expect(state.focused).toBe('instances');
		expect(state.selected).toMatchObject({clusters: 'c3', instances: 'i7'});
	});

	it('refuses keys that would act on the panes it hides', () => {
		const {state, effects} = run(inPane('services'), press('!+'), withFeed);
		expect(state.overlay.kind).toBe('problems');
		expect(state.message?.text).toMatch(/Esc closes the problems first/);
		expect(effects).toEqual([]);
	});

	it(':problems opens it too', () => {
		const {state} = run(start, [...press(':problems'), keys.enter], withFeed);
		expect(state.overlay).toEqual({kind: 'problems', selected: undefined});
	});
});
