/**
 * What a container does in the sim, read from its environment (see ContainerBehaviour) so that any
 * client can ask for a crash loop or a batch job through the real RegisterTaskDefinition API.
 */
import type {ContainerBehaviour, ContainerDefinition, KeyValue} from './types.js';

const defaults = {cpuLoad: 0.3, memoryLoad: 0.5};

export function containerBehaviour(
	definition: ContainerDefinition,
	overrideEnvironment: KeyValue[] = [],
): ContainerBehaviour {
	const env = new Map<string, string>();
	for (const kv of definition.environment) env.set(kv.name, kv.value);
	for (const kv of overrideEnvironment) env.set(kv.name, kv.value);
	const exitAfter = numberOr(env.get('ECS_TOP_SIM_EXIT_AFTER'), undefined);
	return {
		exitAfterMs: exitAfter !== undefined && exitAfter >= 0 ? exitAfter * 1000 : undefined,
		// SIGKILL from the kernel's OOM killer: 128 + 9.
		exitCode:
			env.get('ECS_TOP_SIM_OOM') === '1'
				? 137
				: (numberOr(env.get('ECS_TOP_SIM_EXIT_CODE'), 0) ?? 0),
		cpuLoad: clampLoad(numberOr(env.get('ECS_TOP_SIM_CPU'), defaults.cpuLoad)),
		memoryLoad: clampLoad(numberOr(env.get('ECS_TOP_SIM_MEMORY'), defaults.memoryLoad)),
		unhealthy: env.get('ECS_TOP_SIM_UNHEALTHY') === '1',
		outOfMemory: env.get('ECS_TOP_SIM_OOM') === '1',
	};
}

function numberOr<T extends number | undefined>(raw: string | undefined, fallback: T): number | T {
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	return Number.isFinite(value) ? value : fallback;
}

/** Loads above 1 are allowed (CPU can burst past its reservation) but not absurd ones. */
function clampLoad(value: number | undefined): number {
	return Math.min(4, Math.max(0, value ?? 0));
}
