// The query planner: a selection, given as a NodePlan, compiled into one Cypher statement
// per root field, and run with the request's other root fields in one read transaction.

export { compileProjection, type CompiledProjection } from './compileProjection';
export { createPlanRunner, type PlanRunner } from './planRunner';
export { EMPTY_PLAN, PLANNED_KEY, type NodePlan, type SlotPlan } from './planTree';
export { byIdStatement } from './rootStatements';
