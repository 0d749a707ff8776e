#!/usr/bin/env node
// The built CLI lives in dist/ (the package's `prepare` script builds it on npm install).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
