// The entity vocabulary, the ground floor: kinds, record shapes (one field spec per property,
// declared with zod), provenance, roles, and the import coercion that follows from the specs.

export * from './call';
export * from './coerce';
export * from './connectorGraph';
export * from './coordinates';
export * from './cordis';
export * from './countries';
export * from './dataset';
export * from './diseaseArea';
export * from './entities';
export * from './entityDef';
export * from './fields';
export * from './funder';
export * from './identifiers';
export * from './kinds';
export * from './organisation';
export * from './places';
export * from './programme';
export * from './project';
export * from './provenance';
export * from './roles';
export * from './sourceDatasets';
export * from './sourced';
export * from './states';
export * from './stored';
export * from './strategy';
