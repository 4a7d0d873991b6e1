/** Nest injection tokens of the worker's infrastructure. */
export const CONFIG = 'CONFIG';
export const LOGGER = 'LOGGER';
export const DB = 'DB';
export const REDIS = 'REDIS';
export const QUEUE = 'QUEUE';
export const PROCESSOR = 'PROCESSOR';
