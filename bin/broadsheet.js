#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in lib/ (built by `npm run compile`, run on install).
import { main } from "../lib/cli.js";

process.exitCode = await main(process.argv.slice(2));
