import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiskCache } from "../../../src/cache/disk-cache.js";
import {
  loadContentIndex,
  rewriteShardJournal,
  saveContentIndex,
  shardJournalName,
  summaryJournal,
} from "../../../src/cache/content-index.js";
import type { MarkdownSummary } from "../../../src/model.js";

const summary = (n: number): MarkdownSummary => ({ excerpt: `e${n}`, headings: [], wordCount: n, findings: [] });
const newCache = async () => new DiskCache(await mkdtemp(path.join(tmpdir(), "index-")));

describe("the content index and its journals", () => {
  it("reads the summaries of every shard's journal, and of a killed build's", async () => {
    const cache = await newCache();
    rewriteShardJournal(cache, shardJournalName(1, 2), [["a", summary(1)]]);
    rewriteShardJournal(cache, shardJournalName(2, 2), [["b", summary(2)]]);
    const killed = summaryJournal(cache);
    killed.add("c", summary(3));
    killed.flush();
    const index = loadContentIndex(cache);
    expect([...index.summaries.keys()].sort()).toEqual(["a", "b", "c"]);
    expect(index.journaled).toBe(3);
  });

  it("saves journaled summaries into the index even when the build used exactly them, then drops the journals", async () => {
    const cache = await newCache();
    rewriteShardJournal(cache, shardJournalName(1, 1), [["a", summary(1)]]);
    const index = loadContentIndex(cache);
    // The next state equals what was loaded: without the journal count the index would not be written.
    saveContentIndex(cache, index, { validation: index.validation, summaries: index.summaries, files: index.files });
    expect(readdirSync(path.join(cache.dir!, "index"))).not.toContainEqual(expect.stringMatching(/journal$/));
    const next = loadContentIndex(cache);
    expect(next.summaries.get("a")).toEqual(summary(1));
    expect(next.journaled).toBe(0);
  });

  it("replaces a shard's journal rather than appending to it, and ignores links and foreign names", async () => {
    const cache = await newCache();
    const name = shardJournalName(3, 4);
    rewriteShardJournal(cache, name, [["old", summary(1)]]);
    rewriteShardJournal(cache, name, [["new", summary(2)]]);
    const dir = path.join(cache.dir!, "index");
    const elsewhere = await mkdtemp(path.join(tmpdir(), "elsewhere-"));
    writeFileSync(path.join(elsewhere, "x.journal"), "");
    symlinkSync(path.join(elsewhere, "x.journal"), path.join(dir, "summaries-shard-1-of-4.journal"));
    mkdirSync(path.join(dir, "summaries-shard-2-of-4.journal"));
    writeFileSync(path.join(dir, "notes.journal"), "");
    expect(cache.journalNames("index", () => true)).toEqual(["notes", name]);
    expect([...loadContentIndex(cache).summaries.keys()]).toEqual(["new"]);
  });
});
