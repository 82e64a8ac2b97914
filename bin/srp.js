#!/usr/bin/env node
// The bundle of dist/cli/main.js (rolldown.config.mjs): one file to load instead of ninety.
import { run } from '../dist/bundle/main.js';
run(process.argv.slice(2));
