/**
 * RunTask's clientToken: a retried RunTask with the same token must not start a second set of
 * tasks, so the first answer (task ids and failures) is remembered per world for a while. The
 * world knows nothing of tokens: idempotency is a property of the API, not of the simulation.
 */
import type {Failure, World} from '../world/world.js';

/** ECS does not document the window; retries happen within minutes, so ten is ample. */
export const CLIENT_TOKEN_WINDOW_MS = 10 * 60_000;

interface Remembered {
	at: number;
	taskIds: string[];
	failures: Failure[];
}

const byWorld = new WeakMap<World, Map<string, Remembered>>();

function tokensOf(world: World): Map<string, Remembered> {
	let tokens = byWorld.get(world);
	if (tokens === undefined) {
		tokens = new Map();
		byWorld.set(world, tokens);
	}
	return tokens;
}

const keyOf = (clusterName: string, token: string): string => `${clusterName}\u0000${token}`;

export function recallRunTask(
	world: World,
	clusterName: string,
	token: string,
): {taskIds: string[]; failures: Failure[]} | undefined {
	const tokens = tokensOf(world);
	const now = world.now();
	// Forget expired answers lazily. Entries are in time order, so stop at the first live one.
	for (const [key, entry] of tokens) {
		if (now - entry.at <= CLIENT_TOKEN_WINDOW_MS) break;
		tokens.delete(key);
	}
	return tokens.get(keyOf(clusterName, token));
}

export function rememberRunTask(
	world: World,
	clusterName: string,
	token: string,
	answer: {taskIds: string[]; failures: Failure[]},
): void {
	tokensOf(world).set(keyOf(clusterName, token), {at: world.now(), ...answer});
}
