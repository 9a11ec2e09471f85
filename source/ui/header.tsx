/**
 * The top line: who and where (account, region, profile, the endpoint when it is not AWS's own), whether the data is live, the API
 * calls per minute, what is wrong (throttled, cannot reach, credentials, access denied) and the
 * READ-ONLY badge. Nothing in it ticks but the API rate, which is its own component
 * (components/api-rate.tsx): the rest changes only when one of those facts does.
 */
import {Text} from './components/text.js';
import {memo, useEffect, useState} from 'react';
import {staleAfterMs, staleSinceAt, type DataStatus} from '../store/data-status.js';
import {accountWideStaleSince} from '../store/account-wide.js';
import type {DataProblem, FleetState, ProgressId} from '../store/fleet-store.js';
import {displayWidth, truncate, truncateMiddle} from './format.js';
import {useFleet} from './hooks/use-fleet.js';
import {progressText} from './hooks/use-pane-notes.js';
import {useTheme, type Tone} from './theme.js';
import {ApiRate, rateText, rateTextWidth, roundedRate} from './components/api-rate.js';

export {roundedRate, steadyRate} from './components/api-rate.js';

export type HeaderSegment = {
	readonly text: string;
	readonly tone?: Tone | 'badge' | 'title';
	/** The API rate: drawn by its own ticking component (ApiRate), given its widest room. */
	readonly rate?: boolean;
	/** Gets only the room the other segments leave (shortened in the middle), or none. */
	readonly yields?: boolean;
};

export type HeaderFacts = {
	readonly account: string | undefined;
	readonly region: string | undefined;
	readonly profile: string | undefined;
	/** Where the calls go, when set (flag, environment, profile); shown unless it is AWS's own. */
	readonly endpoint?: string | undefined;
	readonly paused: boolean;
	/** When the clusters data went stale, if it is. */
	readonly staleSince: number | undefined;
	readonly loaded: boolean;
	/** What is still loading for the first time, e.g. `services 120/2,000, tasks`; '' when nothing. */
	readonly loading?: string;
	/** For the text of the rate segment; the live header draws the ticking ApiRate in its place. */
	readonly callsPerMinute?: number;
	readonly problems: readonly DataProblem[];
	readonly readOnly: boolean;
};

const clock = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);

/** The worst problem of each kind, once: five tiers throttled at once is one "throttled". */
function problemSegments(problems: readonly DataProblem[]): HeaderSegment[] {
	const seen = new Set<string>();
	const segments: HeaderSegment[] = [];
	const order = [
		'credentials-expired',
		'credentials-missing',
		'clock-skew',
		'network',
		'access-denied',
		'throttled',
		'other',
	];
	const sorted = [...problems].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
	for (const problem of sorted) {
		const label =
			problem.kind === 'throttled'
				? 'THROTTLED'
				: problem.kind === 'network'
					? 'CANNOT REACH AWS'
					: problem.kind === 'credentials-expired'
						? 'CREDENTIALS EXPIRED'
						: problem.kind === 'credentials-missing'
							? 'NO CREDENTIALS'
							: problem.kind === 'clock-skew'
								? 'CLOCK OFF'
								: problem.kind === 'access-denied'
									? `DENIED ${problem.action ?? ''}`.trim()
									: problem.action !== undefined
										? `FAILED ${problem.action}`
										: `ERROR ${problem.message}`;
		if (seen.has(label)) continue;
		seen.add(label);
		segments.push({text: label, tone: problem.kind === 'throttled' ? 'warn' : 'error'});
	}
	return segments;
}

/** AWS's own domains, in every partition: an endpoint there (FIPS, a VPC endpoint) is AWS. */
const awsDomains =
	/(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)$/i;

/** Room for an endpoint: a long URL must not push the state and READ-ONLY off the line. */
const endpointWidth = 40;
/** Below this, a shortened endpoint says nothing useful. */
const minimumYieldingWidth = 16;

/**
 * How the header names an endpoint that is not AWS's own (`via http://localhost:4566`), or
 * undefined for AWS's own and for none.
 */
export function endpointLabel(endpoint: string | undefined): string | undefined {
	if (endpoint === undefined || endpoint === '') return undefined;
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return `via ${truncateMiddle(endpoint, endpointWidth)}`;
	}
	if (awsDomains.test(url.hostname)) return undefined;
	const shown = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
	return `via ${truncateMiddle(shown, endpointWidth)}`;
}

export function headerSegments(facts: HeaderFacts): HeaderSegment[] {
	const segments: HeaderSegment[] = [{text: 'ecs-top', tone: 'title'}];
	if (facts.account) segments.push({text: facts.account});
	if (facts.region) segments.push({text: facts.region});
	if (facts.profile) segments.push({text: facts.profile, tone: 'muted'});
	const endpoint = endpointLabel(facts.endpoint);
	// The state, the problems and READ-ONLY matter more than the endpoint's full length.
	if (endpoint !== undefined) segments.push({text: endpoint, tone: 'warn', yields: true});
	if (facts.paused) segments.push({text: 'PAUSED', tone: 'warn'});
	else if (facts.staleSince !== undefined)
		segments.push({text: `STALE since ${clock(facts.staleSince)}`, tone: 'warn'});
	else segments.push(facts.loaded ? {text: 'live', tone: 'ok'} : {text: 'loading', tone: 'muted'});
	if (facts.loading) segments.push({text: `loading ${facts.loading}`, tone: 'muted'});
	segments.push({
		text: rateText(roundedRate(facts.callsPerMinute ?? 0)),
		tone: 'muted',
		rate: true,
	});
	segments.push(...problemSegments(facts.problems));
	if (facts.readOnly) segments.push({text: 'READ-ONLY', tone: 'badge'});
	return segments;
}

const progressNames: Readonly<Record<ProgressId, string>> = {
	clusters: 'clusters',
	services: 'services',
	instances: 'instances',
	tasks: 'tasks',
	'stopped-tasks': 'stopped tasks',
};

/** The first loads under way, as the header names them: `services 120/2,000, tasks 0/20,000`. */
export function stillLoading(state: FleetState): string {
	return (Object.keys(progressNames) as ProgressId[])
		.flatMap((id) => {
			const progress = state.progress[id];
			return progress === undefined ? [] : [`${progressNames[id]} ${progressText(progress)}`];
		})
		.join(', ');
}

/**
 * Re-renders exactly when the data would age into staleness without any store change (a hung
 * endpoint), instead of polling a clock every second.
 */
function useStaleSince(
	status: DataStatus | undefined,
	refreshMs: number,
	failingSince: number | undefined,
): number | undefined {
	const [now, setNow] = useState(() => Date.now());
	const clustersStale = status === undefined ? undefined : staleSinceAt(status, now, refreshMs);
	const staleSince =
		failingSince === undefined || (clustersStale !== undefined && clustersStale < failingSince)
			? clustersStale
			: failingSince;
	const agesOutAt =
		status?.fetchedAt === undefined
			? undefined
			: status.fetchedAt + staleAfterMs(status, refreshMs);
	useEffect(() => {
		if (staleSince !== undefined || agesOutAt === undefined) return;
		const timer = setTimeout(() => setNow(Date.now()), Math.max(0, agesOutAt - Date.now()) + 50);
		return () => clearTimeout(timer);
	}, [staleSince, agesOutAt]);
	return staleSince;
}

export const Header = memo(function Header({width, readOnly}: {width: number; readOnly: boolean}) {
	const theme = useTheme();
	const account = useFleet((state) => state.identity?.account);
	const region = useFleet((state) => state.connection.region);
	const profile = useFleet((state) => state.connection.profile);
	const endpoint = useFleet((state) => state.connection.endpoint);
	const paused = useFleet((state) => state.paused);
	const refreshMs = useFleet((state) => state.refreshMs);
	const clustersStatus = useFleet((state) => state.dataSets.clusters);
	const problems = useFleet((state) => state.problems);
	const failingSince = useFleet(accountWideStaleSince);
	const staleSince = useStaleSince(clustersStatus, refreshMs, failingSince);
	const loading = useFleet(stillLoading);
	const segments = headerSegments({
		account,
		region,
		profile,
		endpoint,
		paused,
		staleSince,
		loaded: clustersStatus?.fetchedAt !== undefined,
		loading,
		problems: Object.values(problems).filter(
			(problem): problem is DataProblem => problem !== undefined,
		),
		readOnly,
	});
	// The rate changes without this line being laid out again: it is given its widest room.
	const widthOf = (segment: HeaderSegment) =>
		segment.rate ? Math.max(rateTextWidth, displayWidth(segment.text)) : displayWidth(segment.text);
	const others = segments
		.filter((segment) => !segment.yields)
		.reduce((sum, segment, index) => sum + widthOf(segment) + (index > 0 ? 2 : 0), 0);
	let used = 0;
	const shown: HeaderSegment[] = [];
	for (const segment of segments) {
		const room = width - used - (shown.length > 0 ? 2 : 0);
		if (room <= 0) break;
		if (segment.yields) {
			const left = width - others - 2;
			// Too little room to tell one endpoint from another: left out.
			if (left < minimumYieldingWidth) continue;
			const text = truncateMiddle(segment.text, left, theme.glyphs.ellipsis);
			shown.push({...segment, text});
			used += displayWidth(text) + 2;
			continue;
		}
		if (segment.rate) {
			// All of it or none: a cut rate would read as another number.
			if (room < rateTextWidth) continue;
			shown.push(segment);
			used += rateTextWidth + (shown.length > 1 ? 2 : 0);
			continue;
		}
		const text = truncate(segment.text, room, theme.glyphs.ellipsis);
		shown.push({...segment, text});
		used += displayWidth(text) + (shown.length > 1 ? 2 : 0);
	}
	return (
		<Text wrap="truncate">
			{shown.map((segment, index) => {
				const style =
					segment.tone === 'title'
						? theme.header
						: segment.tone === 'badge'
							? theme.badge
							: segment.tone === undefined
								? {}
								: theme.status[segment.tone];
				return (
					<Text key={index}>
						{index > 0 ? '  ' : ''}
						{segment.rate ? <ApiRate /> : <Text {...style}>{segment.text}</Text>}
					</Text>
				);
			})}
		</Text>
	);
});
