/** Every test file removes the temporary folders it made (helpers.tempDir). */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);
