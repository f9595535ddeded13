export { batchesPerEpoch, plannedSteps, type StepBudget, TimeBudget } from './budget.js';
export { TrainingDivergedError } from './errors.js';
export type { EpochRecord, History, StopReason } from './history.js';
export type {
  BatchEndInfo,
  FitOptions,
  PresetOptions,
  TrainingCallbacks,
  TrainingConfig,
} from './options.js';
export { learningRateAt, type Schedule, type ScheduleKind } from './schedule.js';
