// Flat config: typescript-eslint's type-aware rules catch floating promises, which matter in a
// poller-driven app (an unhandled rejection would take the whole TUI down).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import {createNodeResolver, importX} from 'eslint-plugin-import-x';

/**
 * The layers' import boundaries (docs/architecture.md, "The layers"). Checked on resolved paths, so
 * `../../aws/ecs.js` and a dynamic import() count as much as any other way of reaching a folder.
 */
export const oneFetchPath = {
	// One fetch path: a cluster's clusters, services, instances and tasks are listed and
	// described only in source/store/cluster-fetch.ts, for the live tiers and --once alike (and
	// the write layer's one-resource settle checks), so paging, batching and call counts live
	// in one module. The adapters (source/aws) and the simulator define these names.
	files: ['source/**/*.ts', 'source/**/*.tsx'],
	ignores: [
		'source/aws/**',
		'source/sim/**',
		'source/store/cluster-fetch.ts',
		'source/store/writes/settle-checks.ts',
	],
	rules: {
		'no-restricted-syntax': [
			'error',
			{
				selector:
					'CallExpression > MemberExpression.callee > Identifier.property[name=/^(list(Cluster|Service|Task|ContainerInstance)Arns|describe(Clusters|Services|Tasks|ContainerInstances))$/]',
				message:
					"A cluster's data is listed and described through source/store/cluster-fetch.ts (one fetch path for the live view and --once).",
			},
		],
	},
};

export const noIcuLocaleData = {
	// ICU's locale data is mapped into memory by the first number format, date format or
	// collator: ~7 MB resident for a number format, ~2-3 MB for a collator, a share of the
	// memory budget for text source/text/plain-order.ts gives the same way.
	files: ['source/**/*.ts', 'source/**/*.tsx'],
	rules: {
		'no-restricted-properties': [
			'error',
			...['localeCompare', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map(
				(property) => ({
					property,
					message: 'Use source/text/plain-order.ts: ICU locale data costs megabytes resident.',
				}),
			),
			...['NumberFormat', 'Collator', 'DateTimeFormat', 'PluralRules', 'RelativeTimeFormat'].map(
				(property) => ({
					object: 'Intl',
					property,
					message: 'Use source/text/plain-order.ts: ICU locale data costs megabytes resident.',
				}),
			),
		],
	},
};

export const importBoundaries = {
	files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
	plugins: {'import-x': importX},
	settings: {
		// The sources import `./x.js` for `./x.ts` (NodeNext): resolve as TypeScript does.
		'import-x/resolver-next': [
			createNodeResolver({
				extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.node'],
				extensionAlias: {'.js': ['.ts', '.tsx', '.js']},
			}),
		],
	},
	rules: {
		'import-x/no-restricted-paths': [
			'error',
			{
				basePath: import.meta.dirname,
				zones: [
					{
						target: './source/ui',
						from: ['./source/aws', './node_modules/@aws-sdk', './node_modules/@smithy'],
						message:
							'Components never call AWS: a key becomes an action in source/store, which calls the adapters.',
					},
					{
						target: './source/ui',
						from: './source/sim',
						message: 'The UI knows only the store; the simulator is reached as AWS is, over HTTP.',
					},
					{
						target: './source/store',
						from: './source/ui',
						message:
							'Data flows from the store to the components, never back: the store knows no component.',
					},
					{
						target: './source/sim',
						from: './',
						except: ['./source/sim', './node_modules'],
						message:
							'The simulator stands apart from the app (it plays AWS for any client): only source/sim, node and packages.',
					},
				],
			},
		],
	},
};

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', '*.config.*']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts', '**/*.tsx'],
		languageOptions: {
			parserOptions: {
				project: ['./tsconfig.json', './test/tsconfig.json'],
				tsconfigRootDir: import.meta.dirname,
			},
		},
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
		},
	},
	{
		// Text reaches the terminal through source/ui/components/text.tsx, which makes it safe:
		// Ink's own Text (or Transform) would print an escape sequence from AWS as it is.
		files: ['source/**/*.ts', 'source/**/*.tsx'],
		ignores: ['source/ui/components/text.tsx'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'ink',
							importNames: ['Text', 'Transform'],
							message: 'Use Text from source/ui/components/text.tsx: it makes text terminal-safe.',
						},
					],
				},
			],
		},
	},
	oneFetchPath,
	noIcuLocaleData,
	{
		// The build scripts are plain ES modules for Node; tsc checks them (scripts/tsconfig.json,
		// checkJs), which knows Node's globals, so ESLint's own undefined-name check would only
		// repeat it without those globals.
		files: ['scripts/**/*.mjs'],
		rules: {'no-undef': 'off'},
	},
	importBoundaries,
	prettier,
);
