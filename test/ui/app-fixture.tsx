/**
 * The live App rendered through ink-testing-library against a fleet store, at a chosen terminal
 * size, with keys typed into its stdin: what a user sees and presses, minus the terminal.
 *
 * The store is filled either by hand from realistic model objects (`fleetState()`, one cluster
 * focused with its instances, services and the selected service's tasks) or by the real pollers
 * against the simulator (test/store/fleet-fixture.ts).
 */
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeEach} from 'vitest';
import {startFleet, type Fleet} from '../store/fleet-fixture.js';
import stringWidth from 'string-width';
import type {ActionRunner} from '../../source/store/writes/types.js';
import {App, type AppProps} from '../../source/ui/app.js';
import {FleetStoreContext} from '../../source/ui/hooks/use-fleet.js';
import {minimumSize} from '../../source/ui/layout.js';
import {createTheme, ThemeContext, type Theme} from '../../source/ui/theme.js';
import {
	createFleetStore,
	metricSeriesKey,
	taskScopeKey,
	type FleetState,
	type FleetStore,
} from '../../source/store/fleet-store.js';
import type {ContainerInstance} from '../../source/model/container-instance.js';
import type {Deployment, Service} from '../../source/model/service.js';
import type {Task, TaskContainer} from '../../source/model/task.js';
import {minutes, modelBuilders} from '../helpers/model-builders.js';

export const account = '123456789012';
export const region = 'us-east-1';
/**
 * The moment every data set was fetched. Task ages are measured from the tasks' fetch time, so
 * they are exact; it is the real clock's now so the header does not call the data stale.
 */
export const now = Date.now();

const build = modelBuilders({now, account, region});
const {arn} = build;

export const cluster = build.cluster;

export function containerInstance(
	clusterName: string,
	id: string,
	overrides: Partial<ContainerInstance> = {},
): ContainerInstance {
	return build.containerInstance({
		arn: arn(`container-instance/${clusterName}/${id}`),
		id,
		ec2InstanceId: undefined,
		capacityProviderName: `${clusterName}-asg-cp`,
		runningTasksCount: 0,
		cpuRemaining: 2048,
		memoryRemaining: 7680,
		version: 1,
		...overrides,
	});
}

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
	return build.deployment({
		taskDefinition: arn('task-definition/web:1'),
		desiredCount: 1,
		runningCount: 1,
		rolloutStateReason: undefined,
		...overrides,
	});
}

export function service(
	clusterName: string,
	name: string,
	family: string,
	overrides: Partial<Service> = {},
): Service {
	return build.service({
		arn: arn(`service/${clusterName}/${name}`),
		name,
		clusterArn: arn(`cluster/${clusterName}`),
		desiredCount: 1,
		runningCount: 1,
		taskDefinition: arn(`task-definition/${family}`),
		deployments: [deployment({taskDefinition: arn(`task-definition/${family}`)})],
		events: [],
		...overrides,
	});
}

export function container(overrides: Partial<TaskContainer> = {}): TaskContainer {
	return build.container({name: 'app', networkBindings: [], ...overrides});
}

export function task(
	clusterName: string,
	serviceName: string,
	id: string,
	overrides: Partial<Task> = {},
): Task {
	return build.task({
		arn: arn(`task/${clusterName}/${id}`),
		id,
		clusterArn: arn(`cluster/${clusterName}`),
		group: `service:${serviceName}`,
		serviceName,
		containerInstanceArn: undefined,
		taskDefinitionArn: arn(`task-definition/${serviceName}:1`),
		taskDefinition: `${serviceName}:1`,
		containers: [container()],
		...overrides,
	});
}

/** One point a minute, oldest first, ending at `now`. */
export const series = build.series;

// The fleet used by most tests: three clusters; `api-prod` (first by name, so selected at
// start) with three instances, three services and the tasks of `checkout` (first by name).
export const clusters = {
	apiProd: cluster('api-prod', {
		registeredContainerInstancesCount: 3,
		activeServicesCount: 3,
		runningTasksCount: 9,
		pendingTasksCount: 1,
	}),
	batch: cluster('batch', {
		registeredContainerInstancesCount: 2,
		activeServicesCount: 1,
		runningTasksCount: 4,
	}),
	web: cluster('web', {registeredContainerInstancesCount: 0, activeServicesCount: 0}),
};

export const instances = {
	busy: containerInstance('api-prod', '0a1b2c3d4e5f60718293a4b5c6d7e8f9', {
		ec2InstanceId: 'i-0aaa1111bbbb22223',
		instanceType: 't3.large',
		availabilityZone: 'us-east-1a',
		runningTasksCount: 4,
		cpuRegistered: 2048,
		cpuRemaining: 512, // 75 % reserved
		memoryRegistered: 8000,
		memoryRemaining: 6000, // 25 %
	}),
	draining: containerInstance('api-prod', '1b2c3d4e5f60718293a4b5c6d7e8f90a', {
		ec2InstanceId: 'i-0ccc3333dddd44445',
		instanceType: 'm5.xlarge',
		availabilityZone: 'us-east-1b',
		status: 'DRAINING',
		runningTasksCount: 1,
		cpuRegistered: 4096,
		cpuRemaining: 3072,
		memoryRegistered: 15_000,
		memoryRemaining: 12_000,
	}),
	disconnected: containerInstance('api-prod', '2c3d4e5f60718293a4b5c6d7e8f90a1b', {
		ec2InstanceId: 'i-0eee5555ffff66667',
		instanceType: 'c6g.large',
		availabilityZone: 'us-east-1c',
		agentConnected: false,
		runningTasksCount: 4,
	}),
};

export const services = {
	checkout: service('api-prod', 'checkout', 'checkout:42', {
		desiredCount: 4,
		runningCount: 3,
		pendingCount: 1,
		deployments: [
			deployment({
				id: 'ecs-svc/2222222222222222222',
				taskDefinition: arn('task-definition/checkout:42'),
				desiredCount: 4,
				runningCount: 2,
				pendingCount: 1,
				rolloutState: 'IN_PROGRESS',
			}),
			deployment({
				id: 'ecs-svc/1111111111111111111',
				status: 'ACTIVE',
				taskDefinition: arn('task-definition/checkout:41'),
				desiredCount: 0,
				runningCount: 1,
			}),
		],
	}),
	payments: service('api-prod', 'payments', 'payments:7', {desiredCount: 2, runningCount: 2}),
	search: service('api-prod', 'search-api', 'search-api:19', {
		desiredCount: 3,
		runningCount: 3,
		capacityProviderStrategy: [{capacityProvider: 'api-prod-spot', weight: 1, base: 0}],
		launchType: undefined,
	}),
};

export const tasks = {
	healthy: task('api-prod', 'checkout', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', {
		containerInstanceArn: instances.busy.arn,
		taskDefinition: 'checkout:42',
		startedAt: now - minutes(5),
	}),
	unhealthy: task('api-prod', 'checkout', 'b2c3d4e5f60718293a4b5c6d7e8f90a1', {
		containerInstanceArn: instances.draining.arn,
		availabilityZone: 'us-east-1b',
		healthStatus: 'UNHEALTHY',
		taskDefinition: 'checkout:41',
		startedAt: now - minutes(50),
		// The log router sidecar died; the task runs on because it is not essential.
		containers: [
			container(),
			container({
				name: 'log-router',
				lastStatus: 'STOPPED',
				exitCode: 137,
				healthStatus: undefined,
			}),
		],
	}),
	pending: task('api-prod', 'checkout', 'c3d4e5f60718293a4b5c6d7e8f90a1b2', {
		lastStatus: 'PENDING',
		healthStatus: 'UNKNOWN',
		containerInstanceArn: instances.busy.arn,
		taskDefinition: 'checkout:42',
		startedAt: undefined,
		createdAt: now - minutes(1),
	}),
};

/** The store state for the fleet above: `api-prod` and `checkout` focused, everything loaded. */
export function fleetState(): Partial<FleetState> {
	const focus = {clusterArn: clusters.apiProd.arn, serviceArn: services.checkout.arn};
	const fetched = {fetchedAt: now, inFlight: false, consecutiveFailures: 0};
	return {
		identity: {account, arn: `arn:aws:iam::${account}:user/ops`, userId: 'AIDAOPS'},
		connection: {region, profile: undefined, endpoint: undefined},
		callsPerMinute: 42,
		clusters: [clusters.batch, clusters.web, clusters.apiProd],
		clusterViews: {
			[clusters.apiProd.arn]: {
				services: [services.search, services.checkout, services.payments],
				containerInstances: [instances.busy, instances.draining, instances.disconnected],
				capacityProviders: [],
				autoScalingGroups: [],
			},
		},
		tasks: {[taskScopeKey(focus)!]: [tasks.healthy, tasks.unhealthy, tasks.pending]},
		metrics: {
			[metricSeriesKey(clusters.apiProd.arn, 'CPUUtilization')]: series('c', [20, 40, 60, 95]),
		},
		focus,
		dataSets: {clusters: fetched, cluster: fetched, tasks: fetched},
	};
}

export function fleetStore(state: Partial<FleetState> = fleetState()): FleetStore {
	const store = createFleetStore({refreshMs: 5_000});
	store.setState(state);
	return store;
}

/**
 * The fleet above, fetched at this call instead of at the module's load: for a file of tests that
 * compare frames taken apart in time, which on a loaded machine can run past three refreshes
 * of `now` and see the header turn STALE between two frames. Task ages grow by the time since
 * `now`: use `fleetStore()` where a test reads them.
 */
export function freshFleetStore(): FleetStore {
	const state = fleetState();
	const fetchedAt = Date.now();
	const dataSets = Object.fromEntries(
		Object.entries(state.dataSets ?? {}).map(([id, status]) => [id, {...status, fetchedAt}]),
	);
	return fleetStore({...state, dataSets});
}

/** Key sequences as a terminal sends them. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	right: '\u001B[C',
	escape: '\u001B',
	enter: '\r',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

const escapeCharacter = String.fromCharCode(27);
const ansi = new RegExp(`${escapeCharacter}\\[[\\d;?]*[A-Za-z]`, 'g');

export function stripAnsi(text: string): string {
	return text.replace(ansi, '');
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type AppHarness = {
	readonly store: FleetStore;
	/** How many times the App asked to quit. */
	readonly quits: () => number;
	/** The last frame with ANSI codes removed. */
	frame(): string;
	/** The last frame as written, colour codes and all. */
	rawFrame(): string;
	lines(): string[];
	/** Types each sequence as its own key press and lets the App render after each. */
	press(...sequences: string[]): Promise<void>;
	/**
	 * Types the sequences as separate reads in one turn of the event loop, with no render in
	 * between: what fast typing or tmux send-keys can deliver.
	 */
	pressTogether(...sequences: string[]): Promise<void>;
	/** Types one key and measures how long until Ink writes the next frame. */
	keyToFrameMs(sequence: string): Promise<number>;
	/**
	 * Waits until the frame satisfies `check` (polling), failing with the last frame. The default
	 * deadline only bounds a hang: a loaded machine can take seconds over what a quiet one needs.
	 */
	waitFor(check: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): Promise<void>;
	/** Every frame since render or the last call, ANSI stripped. */
	takeFrames(): string[];
	unmount(): void;
};

export type RenderOptions = {
	readonly store?: FleetStore;
	readonly columns?: number;
	readonly rows?: number;
	readonly readOnly?: boolean;
	readonly theme?: Theme;
	/** The write keys' action layer (test/store/writes/action-fixture.ts makes a real one). */
	readonly actions?: ActionRunner;
	/** `:region` / `:profile`, as the live view's session switch answers them. */
	readonly onSwitch?: AppProps['onSwitch'];
	/** `--service NAME`: the search the screen starts on. */
	readonly startService?: AppProps['startService'];
};

// Polling step while waiting for a key's frames (a lone Esc is held by Ink for one
// setImmediate in case it starts a sequence, then handled like any key).
const settleMs = 15;
const noFrameMs = 300;

/**
 * Renders the App at `columns` x `rows`. ink-testing-library's stdout reports 100 columns and no
 * rows; the size is set on the instance and announced with 'resize', as a terminal does.
 */
export async function renderApp(options: RenderOptions = {}): Promise<AppHarness> {
	const store = options.store ?? fleetStore();
	let quitCount = 0;
	const theme = options.theme ?? createTheme({color: true, unicode: true});
	const instance = render(
		<ThemeContext.Provider value={theme}>
			<FleetStoreContext.Provider value={store}>
				<App
					readOnly={options.readOnly ?? false}
					onQuit={() => quitCount++}
					actions={options.actions}
					{...(options.onSwitch === undefined ? {} : {onSwitch: options.onSwitch})}
					startService={options.startService}
				/>
			</FleetStoreContext.Provider>
		</ThemeContext.Provider>,
	);
	const {stdout, stdin} = instance;
	let seen = 0;

	const frame = () => stripAnsi(instance.lastFrame() ?? '');
	const fitsSize = (columns: number, rows: number) => {
		const lines = frame().split('\n');
		const widest = Math.max(...lines.map((line) => stringWidth(line)));
		const tooSmall = columns < minimumSize.columns || rows < minimumSize.rows;
		return lines.length === Math.max(1, rows - 1) && (tooSmall || widest === columns);
	};
	const resize = async (columns: number, rows: number) => {
		Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
		// The size hook subscribes in an effect, after the first paint: a 'resize' emitted before
		// that is not heard, so announce it until the frame has the new size.
		const deadline = Date.now() + 5_000;
		do {
			stdout.emit('resize');
			await delay(settleMs);
		} while (!fitsSize(columns, rows) && Date.now() < deadline);
	};
	// A key has had its effect once a new frame came and no other followed for a moment; a key
	// that changes nothing on screen (q, a clamped j) gives up waiting after `noFrameMs`.
	const settled = async (framesBefore: number) => {
		const started = Date.now();
		let count = framesBefore;
		for (;;) {
			await delay(settleMs);
			const now = stdout.frames.length;
			if (now === count && now > framesBefore) return;
			if (now === framesBefore && Date.now() - started > noFrameMs) return;
			count = now;
		}
	};
	await resize(options.columns ?? 200, options.rows ?? 50);
	seen = stdout.frames.length;

	return {
		store,
		quits: () => quitCount,
		frame,
		rawFrame: () => instance.lastFrame() ?? '',
		lines: () => frame().split('\n'),
		async press(...sequences) {
			for (const sequence of sequences) {
				const before = stdout.frames.length;
				stdin.write(sequence);
				await settled(before);
			}
		},
		async pressTogether(...sequences) {
			const before = stdout.frames.length;
			for (const sequence of sequences) stdin.write(sequence);
			await settled(before);
		},
		async keyToFrameMs(sequence) {
			const before = stdout.frames.length;
			const started = performance.now();
			stdin.write(sequence);
			while (stdout.frames.length === before) {
				if (performance.now() - started > 10_000) throw new Error('no frame after the key');
				await new Promise<void>((resolve) => setImmediate(resolve));
			}
			const elapsed = performance.now() - started;
			await settled(before);
			return elapsed;
		},
		async waitFor(check, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const current = frame();
				if (check(current)) return current;
				if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${current}`);
				await delay(10);
			}
		},
		resize,
		takeFrames() {
			const taken = stdout.frames.slice(seen).map(stripAnsi);
			seen = stdout.frames.length;
			return taken;
		},
		unmount: () => instance.unmount(),
	};
}

/** Lines of `frame` wider than `columns` terminal columns (there should be none). */
export function overwideLines(frame: string, columns: number): string[] {
	return frame.split('\n').filter((line) => stringWidth(line) > columns);
}

/** The line of `frame` holding `text`, for asserting on one row's cells together. */
export function lineWith(frame: string, text: string): string {
	const line = frame.split('\n').find((l) => l.includes(text));
	if (line === undefined) throw new Error(`no line with ${text} in:\n${frame}`);
	return line;
}

/** The tab bar of the narrow layout: which pane has the keyboard. */
export function focusedTab(frame: string): string | undefined {
	return /\[(\d) (\w+)\]/.exec(frame.split('\n')[1] ?? '')?.[2];
}

/**
 * The first cell of each row of the pane whose title starts with `title`, top to bottom, the
 * selected one marked with a leading `>`. Only the part of the line inside that pane's border.
 */
export function paneRows(frame: string, title: string): string[] {
	const lines = frame.split('\n');
	const top = lines.findIndex((line) => line.includes(`─ ${title}`));
	if (top === -1) throw new Error(`no pane ${title} in:\n${frame}`);
	const left = lines[top]!.lastIndexOf('┌', lines[top]!.indexOf(title));
	const right = lines[top]!.indexOf('┐', left);
	const rows: string[] = [];
	// Skip the column header; stop at the bottom border.
	for (const line of lines.slice(top + 2)) {
		if (line[left] !== '│') break;
		const inside = line.slice(left + 1, right);
		const selected = inside.startsWith('>');
		const first = inside.slice(2).trim().split(/\s+/)[0] ?? '';
		if (first === '') continue;
		rows.push(selected ? `>${first}` : first);
	}
	return rows;
}

/** The selected row's first cell in the pane titled `title`. */
export function selectedRow(frame: string, title: string): string | undefined {
	return paneRows(frame, title)
		.find((row) => row.startsWith('>'))
		?.slice(1);
}

/**
 * A fresh demo fleet (store, pollers, SDK clients, simulator) for each test of the App over it,
 * and the rendered App cleaned up after each.
 */
export function demoFleetPerTest(): {readonly fleet: Fleet} {
	let fleet: Fleet | undefined;
	beforeEach(async () => {
		fleet = await startFleet();
	});
	afterEach(async () => {
		cleanup();
		await fleet?.close();
	});
	return {
		get fleet() {
			return fleet!;
		},
	};
}
