// The layers' import boundaries are lint errors (eslint.config.js, docs/architecture.md). The rule
// checks resolved paths and skips an import it cannot resolve, so a resolver that stopped mapping
// `./x.js` to `./x.ts` would silently allow everything: these cases fail then.
import {join} from 'node:path';
import {ESLint, type Linter} from 'eslint';
import tseslint from 'typescript-eslint';
import {describe, expect, it} from 'vitest';

const root = join(import.meta.dirname, '..', '..');

async function boundaryErrors(file: string, code: string): Promise<string[]> {
	const configPath = join(root, 'eslint.config.js');
	const {importBoundaries} = (await import(configPath)) as {importBoundaries: Linter.Config};
	const eslint = new ESLint({
		cwd: root,
		overrideConfigFile: true,
		overrideConfig: [{languageOptions: {parser: tseslint.parser}}, importBoundaries],
	});
	const [result] = await eslint.lintText(code, {filePath: join(root, file)});
	return (result?.messages ?? []).map((message) => `${message.line}: ${message.ruleId}`);
}

describe('import boundaries', () => {
	it('keep AWS, the SDK and the simulator out of source/ui, dynamic imports too', async () => {
		const errors = await boundaryErrors(
			'source/ui/probe.ts',
			[
				"import {ecsLimits} from '../aws/ecs-limits.js';",
				"import {ECSClient} from '@aws-sdk/client-ecs';",
				"export const sim = () => import('../sim/errors.js');",
				"import {createFleetStore} from '../store/fleet-store.js';",
				"import {nameFromArn} from '../model/arn.js';",
				'export const used = [ecsLimits, ECSClient, createFleetStore, nameFromArn];',
			].join('\n'),
		);
		expect(errors).toEqual([
			'1: import-x/no-restricted-paths',
			'2: import-x/no-restricted-paths',
			'3: import-x/no-restricted-paths',
		]);
	});

	it('keep source/ui out of source/store', async () => {
		const errors = await boundaryErrors(
			'source/store/tiers/probe.ts',
			"import {layoutFor} from '../../ui/layout.js';\nexport const used = layoutFor;",
		);
		expect(errors).toEqual(['1: import-x/no-restricted-paths']);
	});

	it('let source/sim import only itself, node and packages', async () => {
		const errors = await boundaryErrors(
			'source/sim/world/probe.ts',
			[
				"import {nameFromArn} from '../../model/arn.js';",
				"import {terminalSafe} from '../../text/terminal-text.js';",
				"import {createServer} from 'node:http';",
				"import {XMLParser} from 'fast-xml-parser';",
				"import {simErrors} from '../errors.js';",
				'export const used = [nameFromArn, terminalSafe, createServer, XMLParser, simErrors];',
			].join('\n'),
		);
		expect(errors).toEqual(['1: import-x/no-restricted-paths', '2: import-x/no-restricted-paths']);
	});
});

describe('one fetch path', () => {
	async function fetchPathErrors(file: string): Promise<string[]> {
		const {oneFetchPath} = (await import(join(root, 'eslint.config.js'))) as {
			oneFetchPath: Linter.Config;
		};
		const eslint = new ESLint({
			cwd: root,
			overrideConfigFile: true,
			// Every .ts file is linted, so one the rule ignores gives no messages rather than
			// ESLint's "no configuration for this file".
			overrideConfig: [
				{files: ['**/*.ts'], languageOptions: {parser: tseslint.parser}},
				oneFetchPath,
			],
		});
		const code = [
			"import type {EcsAdapter} from '../aws/ecs.js';",
			"export const tasks = (ecs: EcsAdapter) => ecs.listTaskArns('web');",
			"export const services = (ecs: EcsAdapter) => ecs.describeServices('web', ['api']);",
			"export const logs = (ecs: EcsAdapter) => ecs.describeTaskDefinition('api:1');",
		].join('\n');
		const [result] = await eslint.lintText(code, {filePath: join(root, file)});
		return (result?.messages ?? []).map((message) => `${message.line}: ${message.ruleId}`);
	}

	it("lets only cluster-fetch.ts list and describe a cluster's data", async () => {
		expect(await fetchPathErrors('source/store/tiers/probe.ts')).toEqual([
			'2: no-restricted-syntax',
			'3: no-restricted-syntax',
		]);
		expect(await fetchPathErrors('source/modes/probe.ts')).toHaveLength(2);
		expect(await fetchPathErrors('source/store/cluster-fetch.ts')).toEqual([]);
	});
});

describe('no ICU locale data', () => {
	it('refuses the calls that map megabytes of it in, and leaves Intl.Segmenter alone', async () => {
		const {noIcuLocaleData} = (await import(join(root, 'eslint.config.js'))) as {
			noIcuLocaleData: Linter.Config;
		};
		const eslint = new ESLint({
			cwd: root,
			overrideConfigFile: true,
			overrideConfig: [
				{files: ['**/*.ts'], languageOptions: {parser: tseslint.parser}},
				noIcuLocaleData,
			],
		});
		const code = [
			"export const order = ['b', 'a'].sort((x, y) => x.localeCompare(y));",
			'export const count = (20000).toLocaleString();',
			"export const format = new Intl.NumberFormat('en-US');",
			'export const graphemes = new Intl.Segmenter();',
		].join('\n');
		const [result] = await eslint.lintText(code, {filePath: join(root, 'source/ui/probe.ts')});
		expect((result?.messages ?? []).map((message) => `${message.line}: ${message.ruleId}`)).toEqual(
			['1: no-restricted-properties', '2: no-restricted-properties', '3: no-restricted-properties'],
		);
	});
});
