#!/usr/bin/env node
// libuv's threadpool (4 threads by default) runs every scrypt password check and every async file operation; sized
// up before anything uses it, so a few concurrent sign-ins do not queue token signing and file reads behind hashing.
process.env.UV_THREADPOOL_SIZE ??= '8';

// The built CLI lives in dist/ (the package's `prepare` script builds it on npm install).
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
