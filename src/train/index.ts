export { type TrainableModel, type TrainSettings, train } from './engine.js';
export { TrainingDivergedError } from './errors.js';
export type { EpochRecord, History, StopReason } from './history.js';
export { isOnLattice } from './lattice.js';
export {
  type BatchEndInfo,
  checkTrainingConfig,
  type FitOptions,
  type TrainingCallbacks,
  type TrainingConfig,
} from './options.js';
export { learningRateAt, type Schedule, type ScheduleKind } from './schedule.js';
export { resolveTrainSettings, type SettingsContext } from './settings.js';
