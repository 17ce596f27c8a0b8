export * from './plan-schedule.js';
export * from './schedule-quality.js';
export * from './working-days.js';
