// Flat config: typescript-eslint's type-aware rules catch floating promises, which matter in a
// poller-driven app (an unhandled rejection would take the whole TUI down).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', '*.config.*', 'scripts/']},
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
	prettier,
);
