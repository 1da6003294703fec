/**
 * Test helper: checks a parsed JSON Feed against the field rules of version 1.1
 * (https://www.jsonfeed.org/version/1.1/), strictly: required fields, types, absolute http(s) URLs,
 * RFC 3339 dates, unique item ids, and no field the spec does not define unless it is an extension
 * ("_" then a letter, holding an object). Returns every problem, as "path: what".
 */

type Json = unknown;
type Kind = "string" | "url" | "date" | "boolean" | "authors" | "tags" | "hubs" | "attachments";

const FEED_FIELDS: Readonly<Record<string, Kind>> = {
  version: "string",
  title: "string",
  home_page_url: "url",
  feed_url: "url",
  description: "string",
  user_comment: "string",
  next_url: "url",
  icon: "url",
  favicon: "url",
  authors: "authors",
  language: "string",
  expired: "boolean",
  hubs: "hubs",
};

const ITEM_FIELDS: Readonly<Record<string, Kind>> = {
  id: "string",
  url: "url",
  external_url: "url",
  title: "string",
  content_html: "string",
  content_text: "string",
  summary: "string",
  image: "url",
  banner_image: "url",
  date_published: "date",
  date_modified: "date",
  authors: "authors",
  tags: "tags",
  language: "string",
  attachments: "attachments",
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

function isAbsoluteUrl(v: Json): boolean {
  if (typeof v !== "string") return false;
  try {
    const url = new URL(v);
    return (url.protocol === "http:" || url.protocol === "https:") && !/[\s\u0000-\u001F]/.test(v);
  } catch {
    return false;
  }
}

function checkValue(kind: Kind, value: Json, at: string, problems: string[]): void {
  const fail = (what: string) => problems.push(`${at}: ${what}`);
  switch (kind) {
    case "string":
      if (typeof value !== "string") fail("not a string");
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("not a boolean");
      return;
    case "url":
      if (!isAbsoluteUrl(value)) fail(`not an absolute http(s) URL: ${JSON.stringify(value)}`);
      return;
    case "date":
      if (typeof value !== "string" || !RFC3339.test(value) || Number.isNaN(Date.parse(value)))
        fail(`not an RFC 3339 date: ${JSON.stringify(value)}`);
      return;
    case "tags":
      if (!Array.isArray(value) || value.some((t) => typeof t !== "string")) fail("not an array of strings");
      return;
    case "authors":
      if (!Array.isArray(value)) return void fail("not an array");
      value.forEach((author, i) => {
        if (!isObject(author)) return void fail(`[${i}] not an object`);
        // "at least one" of name, url and avatar
        if (!["name", "url", "avatar"].some((k) => k in author)) fail(`[${i}] has no name, url or avatar`);
        if ("name" in author) checkValue("string", author.name, `${at}[${i}].name`, problems);
        if ("url" in author) checkValue("url", author.url, `${at}[${i}].url`, problems);
        if ("avatar" in author) checkValue("url", author.avatar, `${at}[${i}].avatar`, problems);
      });
      return;
    case "hubs":
    case "attachments":
      if (!Array.isArray(value) || value.some((v) => !isObject(v))) fail("not an array of objects");
      return;
  }
}

function checkFields(
  object: Record<string, Json>,
  fields: Readonly<Record<string, Kind>>,
  at: string,
  problems: string[],
): void {
  for (const [key, value] of Object.entries(object)) {
    const kind = fields[key];
    if (kind) checkValue(kind, value, `${at}${key}`, problems);
    else if (!/^_[A-Za-z]/.test(key)) problems.push(`${at}${key}: not a JSON Feed 1.1 field nor an extension`);
    else if (!isObject(value)) problems.push(`${at}${key}: an extension must be an object`);
  }
}

/** Every way `feed` breaks the JSON Feed 1.1 rules; an empty list for a valid feed. */
export function jsonFeedProblems(feed: Json): string[] {
  const problems: string[] = [];
  if (!isObject(feed)) return ["feed: not an object"];
  if (feed.version !== "https://jsonfeed.org/version/1.1")
    problems.push("version: not https://jsonfeed.org/version/1.1");
  if (typeof feed.title !== "string") problems.push("title: required");
  if (!Array.isArray(feed.items)) return [...problems, "items: required array"];
  const { items, ...top } = feed;
  checkFields(top, FEED_FIELDS, "", problems);
  const ids = new Set<string>();
  (items as Json[]).forEach((item, i) => {
    const at = `items[${i}].`;
    if (!isObject(item)) return void problems.push(`${at}: not an object`);
    if (typeof item.id !== "string" || item.id === "") problems.push(`${at}id: required non-empty string`);
    else if (ids.has(item.id)) problems.push(`${at}id: duplicate ${item.id}`);
    else ids.add(item.id);
    if (!("content_html" in item) && !("content_text" in item)) problems.push(`${at}: no content_html or content_text`);
    checkFields(item, ITEM_FIELDS, at, problems);
  });
  return problems;
}
