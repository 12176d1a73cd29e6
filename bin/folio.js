#!/usr/bin/env node
import '../dist-lib/boot/cli.js';
