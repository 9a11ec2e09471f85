// The scenario names alone, apart from the worlds they build: flag parsing needs the names, and
// importing them from index.ts pulled every scenario's code into the CLI's first chunk (--help too).
export type ScenarioName = 'demo' | 'large' | 'wide' | 'empty';

export const scenarioNames: readonly ScenarioName[] = ['demo', 'large', 'wide', 'empty'];
