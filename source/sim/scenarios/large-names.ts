/**
 * Names for the `large` fleet: teams, environments and service roles combine into cluster and
 * service names that look like a real company's (`payments-prod`, `search-indexer`).
 */
export const teams = [
	'payments',
	'search',
	'catalog',
	'checkout',
	'identity',
	'billing',
	'shipping',
	'inventory',
	'pricing',
	'reviews',
	'notifications',
	'analytics',
	'ml',
	'recommendations',
	'ads',
	'media',
	'messaging',
	'support',
	'fraud',
	'ledger',
	'orders',
	'cart',
	'loyalty',
	'partners',
	'growth',
	'onboarding',
	'maps',
	'routing',
	'reporting',
	'compliance',
	'audit',
	'gateway',
	'edge',
	'platform',
	'infra',
	'data',
	'etl',
	'sso',
	'profile',
	'content',
] as const;

export const environments = ['prod', 'staging', 'dev', 'qa', 'perf'] as const;
export type Environment = (typeof environments)[number];

/** Roles whose tasks run until replaced. */
export const serviceRoles = [
	'api',
	'worker',
	'web',
	'consumer',
	'scheduler',
	'sync',
	'indexer',
	'admin',
	'proxy',
	'webhook',
	'cache',
	'stream',
	'reconciler',
	'notifier',
	'renderer',
	'auth',
	'graphql',
] as const;

/** Roles whose tasks are batch jobs: they finish (exit 0) after minutes and are replaced. */
export const batchRoles = ['exporter', 'importer', 'cron'] as const;

/** Roles that answer HTTP and so have a port mapping and a health check. */
export const httpRoles: ReadonlySet<string> = new Set([
	'api',
	'web',
	'admin',
	'proxy',
	'webhook',
	'graphql',
	'auth',
	'renderer',
]);
