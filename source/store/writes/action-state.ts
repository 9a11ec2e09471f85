/** The action layer's own small store: what the dialogs and rows read (see ActionState). */
import {createStore, type StoreApi} from 'zustand/vanilla';
import type {ActionPlan, ActionResult, ActionState, RowMark, UndoEntry} from './types.js';

/** The status line shows the newest; a few more are kept for a history view. */
export const keptResults = 5;

export function createActionState(): StoreApi<ActionState> {
	return createStore<ActionState>()(() => ({
		inFlight: {},
		marks: {},
		results: [],
		undo: [],
	}));
}

export function addInFlight(store: StoreApi<ActionState>, plan: ActionPlan): void {
	store.setState((state) => ({inFlight: {...state.inFlight, [plan.target]: plan}}));
}

export function removeInFlight(store: StoreApi<ActionState>, plan: ActionPlan): void {
	store.setState((state) => {
		const inFlight = {...state.inFlight};
		delete inFlight[plan.target];
		return {inFlight};
	});
}

export function putMarks(store: StoreApi<ActionState>, marks: Record<string, RowMark>): void {
	if (Object.keys(marks).length === 0) return;
	store.setState((state) => ({marks: {...state.marks, ...marks}}));
}

export function dropMarks(store: StoreApi<ActionState>, arns: readonly string[]): void {
	const present = arns.filter((arn) => store.getState().marks[arn] !== undefined);
	if (present.length === 0) return;
	store.setState((state) => {
		const marks = {...state.marks};
		for (const arn of present) delete marks[arn];
		return {marks};
	});
}

export function addResult(store: StoreApi<ActionState>, result: ActionResult): void {
	store.setState((state) => ({results: [result, ...state.results].slice(0, keptResults)}));
}

/** Changes remembered for undo: more than a session of incident work needs. */
export const keptUndoEntries = 30;

export function addUndo(store: StoreApi<ActionState>, entry: UndoEntry): void {
	store.setState((state) => ({undo: [entry, ...state.undo].slice(0, keptUndoEntries)}));
}

export function removeUndo(store: StoreApi<ActionState>, entryId: string): void {
	store.setState((state) => ({undo: state.undo.filter((entry) => entry.id !== entryId)}));
}
