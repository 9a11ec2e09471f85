/**
 * Components read the fleet store through this: state outside React, read with zustand's
 * useStore (useSyncExternalStore underneath). Select primitives or the store's stable references,
 * never build a new object in a selector: zustand 5 re-renders forever when a selector returns
 * a new object on every call.
 */
import {createContext, useContext} from 'react';
import {useStore} from 'zustand';
import type {FleetState, FleetStore} from '../../store/fleet-store.js';

export const FleetStoreContext = createContext<FleetStore | undefined>(undefined);

export function useFleetStore(): FleetStore {
	const store = useContext(FleetStoreContext);
	if (store === undefined) throw new Error('useFleet outside a FleetStoreContext provider');
	return store;
}

export function useFleet<T>(selector: (state: FleetState) => T): T {
	return useStore(useFleetStore(), selector);
}
