/**
 * The UI store: the screen's own state (ui-state.ts) in a zustand vanilla store beside the fleet
 * store. Keys can arrive faster than React renders (tmux send-keys, a paste in pieces, typing
 * during a slow frame), so each key must act on the state the previous key left, not on the last
 * render: the dispatcher reads and writes the store synchronously, and components select from it
 * as they do from the fleet store.
 */
import {createContext, useContext} from 'react';
import {useStore} from 'zustand';
import {createStore, type StoreApi} from 'zustand/vanilla';
import {withLoggedMessage, type UiState} from './ui-state.js';

export type UiStore = StoreApi<UiState>;

/**
 * The store, keeping the status line's history: every change that shows a new message adds it to
 * `messageLog` (with the time), whichever path set it (a key, a write's answer, a switch).
 */
export function createUiStore(initial: UiState, now: () => number = Date.now): UiStore {
	const store = createStore<UiState>()(() => withLoggedMessage(undefined, initial, now()));
	const set = store.setState;
	const logged: typeof store.setState = (partial, replace?: boolean) => {
		const before = store.getState();
		const change = typeof partial === 'function' ? partial(before) : partial;
		const after = replace === true ? (change as UiState) : {...before, ...change};
		set(withLoggedMessage(before, after, now()), true);
	};
	store.setState = logged;
	return store;
}

/** A change of the UI state, as a pure function of the state before it. */
export function updateUi(store: UiStore, change: (state: UiState) => UiState): void {
	const before = store.getState();
	const after = change(before);
	if (after !== before) store.setState(after, true);
}

export const UiStoreContext = createContext<UiStore | undefined>(undefined);

export function useUiStore(): UiStore {
	const store = useContext(UiStoreContext);
	if (store === undefined) throw new Error('useUi outside a UiStoreContext provider');
	return store;
}

/** Select primitives or the state's own references, as with the fleet store. */
export function useUi<T>(selector: (state: UiState) => T): T {
	return useStore(useUiStore(), selector);
}
