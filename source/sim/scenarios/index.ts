/**
 * The simulator's ready-made worlds. Each starts some history before the clock's now, is built
 * through the World's public methods only, and is run forward to now, so what is served is already
 * settled. The same seed (and start time) gives the same world.
 */
import type {Clock} from '../world/clock.js';
import {createWorld} from '../world/world-engine.js';
import {Random} from '../world/random.js';
import type {World} from '../world/world.js';
import {demoScenario} from './demo.js';
import {largeScenario} from './large.js';
import type {Scenario} from './scenario.js';
import {wideScenario} from './wide.js';
import type {ScenarioName} from './names.js';

export {scenarioNames, type ScenarioName} from './names.js';

/** For tests that build their own account. */
const emptyScenario: Scenario = {historyMs: 0, build: () => {}};

const scenarios: Record<ScenarioName, Scenario> = {
	demo: demoScenario,
	large: largeScenario,
	wide: wideScenario,
	empty: emptyScenario,
};

export function buildWorld(options: {scenario: ScenarioName; seed: number; clock: Clock}): World {
	const {seed, clock} = options;
	const scenario = scenarios[options.scenario];
	const world = createWorld({seed, clock, startTime: clock.now() - scenario.historyMs});
	scenario.build(world, new Random(seed));
	world.advanceTo(clock.now());
	return world;
}
