export * from './procedure.machine.js';
export * from './roles.js';
