// Setup of the "api, planner off" jest project: every API test file runs once more with the
// query planner off (QUERY_PLANNER=false), so the whole API suite holds for the loaders as
// for the planned statements (issue 11: identical answers both ways). Tests that need one
// path say so themselves (useTestApi({ planner: true|false })).
process.env.QUERY_PLANNER = 'false';
