/**
 * `--service NAME`: once the search (source/store/service-search.ts) has found the service, its
 * cluster and the service are selected, in the services pane, as if the user had moved there;
 * the pollers then fetch the service's tasks as for any selection. A service no cluster has is
 * said on the status line. It happens once: a later move is the user's.
 */
import {useEffect, useRef} from 'react';
import type {ServiceSearch, ServiceSearchState} from '../../store/service-search.js';
import type {Tone} from '../theme.js';
import {updateUi, type UiStore} from '../ui-store.js';

export function searchingMessage(service: string): string {
	return `looking for service ${service}…`;
}

export function useStartService(search: ServiceSearch | undefined, ui: UiStore): void {
	const done = useRef(false);
	useEffect(() => {
		if (search === undefined) return;
		const apply = (state: ServiceSearchState) => {
			if (done.current || state.status === 'searching') return;
			done.current = true;
			const ours = searchingMessage(state.service);
			updateUi(ui, (current) => {
				// The note is replaced only if it is still the search's own.
				const message =
					current.message === undefined || current.message.text === ours
						? undefined
						: current.message;
				if (state.status === 'not-found') {
					const tone: Tone = 'warn';
					return {...current, message: message ?? {text: state.message, tone}};
				}
				return {
					...current,
					focused: 'services',
					selected: {...current.selected, clusters: state.clusterArn, services: state.serviceArn},
					// As if the user had moved onto it: the tasks are that service's.
					taskService: state.serviceArn,
					message,
				};
			});
		};
		apply(search.getState());
		return search.subscribe(apply);
	}, [search, ui]);
}
