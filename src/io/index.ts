export { fileHandler } from './file-handler.js';
