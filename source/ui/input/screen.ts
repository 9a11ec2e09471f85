/**
 * What the screen shows that keys act on, beside the UI state: the panes' lists as filtered and
 * sorted, how many rows a page moves, the `:td` list, the fleet's focus and pause, and whether
 * writes are allowed. The shell builds it from the last render and the fleet store; the
 * dispatcher only reads it.
 */
import type {ProblemTarget} from '../../model/problems.js';
import type {Focus} from '../../store/fleet-store.js';
import type {PaneId} from '../layout.js';
import type {WriteAccess} from './write-access.js';

/** A pane's rows as the keys see them: ids in list order, and each id's index. */
export type PaneRows = {
	readonly ids: readonly string[];
	readonly indexOf: ReadonlyMap<string, number>;
};

export type SortableColumn = {readonly key: string; readonly numeric: boolean};

export type Screen = {
	readonly lists: Readonly<Record<PaneId, PaneRows>>;
	/** Rows PgUp and PgDn move in each pane: what it shows. */
	readonly pageRows: Readonly<Record<PaneId, number>>;
	/** The columns `<` and `>` step through in a pane. */
	readonly sortable: (pane: PaneId) => readonly SortableColumn[];
	/** The `:td` list: family names in order, each family's newest revision, rows a page moves. */
	readonly taskDefinitions: {
		readonly families: readonly string[];
		readonly newest: ReadonlyMap<string, string>;
		readonly pageRows: number;
	};
	/**
	 * A family's revisions as the revision lists show them, newest first, with `extra` added.
	 * Optional so existing fakes of this type still compile.
	 */
	readonly revisionArns?: (family: string, extra: readonly string[]) => readonly string[];
	/** The problem feed (`!`): problem ids newest first, where each leads, rows a page moves. */
	readonly problems: {
		readonly ids: readonly string[];
		readonly targets: ReadonlyMap<string, ProblemTarget>;
		readonly pageRows: number;
	};
	readonly focus: Focus;
	readonly paused: boolean;
	readonly writes: WriteAccess;
	/** Whether `:region` and `:profile` can reconnect here. */
	readonly canSwitch: boolean;
};
