export { criticalPathBound, earliestStarts, latestFinishes } from './bounds.js';
export { mulberry32, type Random } from './prng.js';
export { parsePsplib, type PsplibInstance } from './psplib.js';
export { arcsOf, buildRcpsp, reverseRcpsp, type Arc, type Rcpsp, type RcpspInput } from './rcpsp.js';
export { serialSgs, sgsWorkspace, type SgsWorkspace } from './sgs.js';
export {
  lftRule,
  priorityList,
  rankOrder,
  solveRcpsp,
  type SolveOptions,
  type SolveResult,
} from './solver.js';
export { verifySchedule, type Verdict } from './verify.js';
