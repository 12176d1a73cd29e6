/**
 * `folio init`: the files of a new working project, as data. The sample image is
 * generated here (a small PNG), so the project builds without any download.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from './image-check.js';

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A 640×360 PNG: a dusk sky over hills, drawn with a few gradients (deterministic). */
export function samplePng(width = 640, height = 360): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const t = y / height;
      const hill = height * (0.62 + 0.08 * Math.sin(x / 70) + 0.04 * Math.sin(x / 23));
      let r: number, g: number, b: number;
      if (y > hill) {
        r = 40 + 20 * t; g = 70 + 30 * t; b = 60;
      } else {
        r = 240 - 120 * t; g = 170 - 90 * t; b = 120 + 60 * t;
      }
      const i = y * (width * 3 + 1) + 1 + x * 3;
      raw[i] = Math.round(r); raw[i + 1] = Math.round(g); raw[i + 2] = Math.round(b);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2; header[10] = 0; header[11] = 0; header[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

export function scaffoldFiles(name: string): Array<{ path: string; data: Uint8Array }> {
  const text = (s: string) => new TextEncoder().encode(s);
  return [
    {
      path: 'folio.yaml',
      data: text(`# Folio project: one publication from the manuscripts listed below.
title: "${name}"
lang: en
authors:
  - name: Your Name
    role: aut
manuscripts:
  - manuscripts/*.md
pdf:
  pageSize: A5
  creditsPage: true
`),
    },
    {
      path: 'manuscripts/first-article.md',
      data: text(`---
title: My first article
subtitle: A short standfirst that says what the piece is about.
author: Your Name
date: 2026-01-01
lang: en
image:
  src: images/hills.png
  alt: Green hills under an orange evening sky
  credit: © Your Name
---

## What is it about?

Write your first section here. An inline pull quote keeps its text in place
and is also set apart: :pullquote[a sentence worth repeating].

## Why does it matter?

:::pullquote{attribution="Someone quoted"}
A standalone pull quote.
:::

![The same hills, as a figure](images/hills.png "A caption for the figure")

© Your Name
`),
    },
    { path: 'manuscripts/images/hills.png', data: samplePng() },
    { path: '.gitignore', data: text('node_modules/\ndist/\n') },
    {
      path: 'package.json',
      data: text(`${JSON.stringify({ name: name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'publication', private: true, scripts: { build: 'folio build', check: 'folio check' } }, null, 2)}\n`),
    },
  ];
}
