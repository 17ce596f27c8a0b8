export * from './controlled-project.decider.js';
export * from './controls.authorization.js';
export * from './controls.commands.js';
export * from './controls.events.js';
export * from './controls.state.js';
export * from './ims-slip.process-manager.js';
export * from './status.js';
export * from './change-scope.js';
