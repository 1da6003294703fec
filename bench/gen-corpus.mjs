#!/usr/bin/env node
// The project's news-article generator: the corpus the benchmarks build and the e2e tests that need
// a realistic archive (tests/helpers/corpus.ts). Plain Node, no dependencies.
//
//   node bench/gen-corpus.mjs --count N --out DIR [--seed S]      (seed 1 unless given)
//
// Writes DIR/<slug>.md: front-matter (title, date, enhanced on ~45%, summary, 1-5 tags drawn from 90
// with Zipf-like popularity, source on ~55% and `generated: true` on half of those, author on ~90%)
// and a body of 300-1,200 words (~700 on average): lead paragraphs, 2-4 "##" sections, a list,
// links, emphasis, sometimes a quote, a table or a code block. Article i depends only on (seed, i),
// through an integer PRNG: the same arguments give the same bytes everywhere, and a 1,000-article
// corpus starts with the 100-article one. Every article builds with no diagnostic.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const words = (s) => s.trim().split(/\s*\|\s*/);
// Thousands separators by hand: toLocaleString depends on the ICU data Node was built with.
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

const PLACES = words(`Aldbury | Brackwater | Calder Point | Dunmere | Eastholm | Fennick | Greyport | Halden Cross |
  Isling | Jorvale | Kestle | Lowmarsh | Millbrook | Norwick | Öresby | Pellham | Quarrington | Redlake | São Marin |
  Stenby | Tollgate | Upworth | Varne | Wexley`);
const BODIES =
  words(`the city council | the port authority | the regional health board | Harbour Rail | the water company |
  the teachers' union | the chamber of commerce | the energy regulator | the district court | the housing association |
  the transport department | the statistics office | the fire service | the university | the farmers' cooperative |
  the hospital trust | the environment agency | the bus operators | the tenants' federation | the finance committee`);
const ROLES =
  words(`the mayor | a council spokesperson | the union's general secretary | the chief executive | a senior engineer |
  the health minister | an independent economist | the head of planning | a local shop owner | the harbour master`);
const VERBS =
  words(`approved | delayed | announced | rejected | expanded | cut | postponed | defended | questioned | published |
  scrapped | revised | doubled | extended | suspended | confirmed`);
const PLANS =
  words(`timetable | budget | flood defences | housing plan | bus network | school meals scheme | tram extension |
  recycling contract | heat network | cycle lanes | parking charges | night ferry | clinic opening hours | water tariff |
  broadband roll-out | market hall repairs | harbour dredging | library hours | wind farm | rent cap`);
const ADJECTIVES = words(
  `new | revised | long-awaited | controversial | temporary | regional | cheaper | delayed | expanded | five-year`,
);
const TIMES = words(`on Monday | on Tuesday | on Wednesday | on Thursday | on Friday | last week | earlier this month |
  after a six-hour meeting | late on Sunday | this morning | at a public hearing`);
const LINKERS = words(`However | Meanwhile | Separately | Even so | By contrast | In the meantime | Earlier`);
const GROUPS = words(
  `residents | commuters | shop owners | nurses | parents | fishermen | students | pensioners | tenants | drivers`,
);
const QUOTES =
  words(`We have waited years for this | Nobody asked the people who live here | The numbers simply do not add up |
  This is the best deal we could get | We will keep the service running whatever happens | It is a step in the right direction |
  We were told about it the night before | Every week of delay costs money`);
const HEADINGS =
  words(`What happens next | Background | Reaction | The numbers | Who is affected | What the council said |
  How we got here | The cost | What critics say | Timeline | Questions that remain | What it means for {place}`);
const HEADLINE_VERBS = words(
  `approves | delays | unveils | rejects | expands | cuts | postpones | defends | scraps | revises | extends | pauses`,
);

// 90 tags: 66 topics, most common first, then the places. Popularity falls off as 1/rank (Zipf, s = 1).
const TAGS = [
  ...words(`politics | economy | transport | housing | climate | health | education | energy | courts | weather | business |
  local government | rail | environment | jobs | culture | sport | technology | crime | budget | harbour | agriculture |
  science | open data | water | schools | elections | public transport | tourism | heritage | policing | retail | cycling |
  flooding | labour | pensions | universities | football | music | theatre | books | food | fisheries | trade | tax |
  planning | broadband | hospitals | nursing | childcare | wildlife | forestry | ferries | roads | aviation | space |
  media | privacy | security | startups | banking | inflation | rent | libraries | markets | wind power`),
  ...PLACES.map((p) => p.toLowerCase()),
];
const TAG_WEIGHTS = cumulative(TAGS.map((_, rank) => 1 / (rank + 1)));

const OUTLETS =
  words(`Regional Wire | Harbour Gazette | Valley Courier | Metro Ledger | Coastal Times | The Northern Post |
  Civic Record | Open Data Weekly | Grid Weekly | Rail Bulletin | Market Signal | Farm & Field | Court Reporter | Science Notes`).map(
    (name) => ({
      name,
      host: `${name
        .toLowerCase()
        .replace(/^the /, "")
        .replace(/[^a-z]+/g, "")}.example`,
    }),
  );
const AUTHORS = words(`Ana Ruiz | Ben Okafor | Chloé Martin | Dmitri Volkov | Eilidh Fraser | Farah Haddad | Grace Lin |
  Hiroshi Sato | Inès Duarte | Jonas Berg | Kavya Rao | Liam O'Neill | Maja Nowak | Noah Fischer | Olu Adeyemi |
  Priya Shah | Rosa Conceição | Samir Benali | Tomás Ortega | Zoë Brandt | Aoife Ní Bhriain | Mateus Lima`);

// Article dates fall in 2023-2025, well before the tests' build clock (2026-11-26).
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 3 * 365;
const OFFSETS = [
  ["Z", 0],
  ["+01:00", 60],
  ["+02:00", 120],
  ["-05:00", -300],
  ["+05:30", 330],
];

function cumulative(weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const steps = weights.map((w) => (sum += w / total));
  // Rounding may leave the sum a hair under 1; the last step must catch every draw.
  steps[steps.length - 1] = 1;
  return steps;
}

/** A PRNG in [0, 1) for article `index` of corpus `seed` (splitmix32 over a mixed key; 32-bit integer math only). */
function randomFor(seed, index) {
  let state = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b);
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  };
}

/** The sentence-level grammar for one article, drawing from its PRNG. */
function writerFor(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p) => random() < p;
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const cost = () => (chance(0.7) ? `€${int(2, 900)} million` : `€${int(120, 990)},000`);
  const share = () => `${int(2, 95)} per cent`;
  const plan = () => `the ${chance(0.5) ? `${pick(ADJECTIVES)} ` : ""}${pick(PLANS)}`;
  const outletUrl = (topic) => {
    const outlet = pick(OUTLETS);
    return `https://www.${outlet.host}/${int(2021, 2025)}/${slugOf(topic)}-${int(100, 9999)}`;
  };
  const link = (text) => `[${text}](${outletUrl(text)})`;
  const person = () => `${pick(AUTHORS)}, ${pick(ROLES)}`;
  const month = () => pick(["January", "March", "May", "June", "September", "October", "November"]);
  const templates = [
    () => `${cap(pick(BODIES))} ${pick(VERBS)} ${plan()} ${pick(TIMES)}.`,
    () =>
      `The decision affects about ${grouped(int(200, 9000))} ${pick(GROUPS)} in ${pick(PLACES)}, according to ${pick(BODIES)}.`,
    () => `"${pick(QUOTES)}," said ${person()}.`,
    () => `${pick(LINKERS)}, ${pick(BODIES)} said ${plan()} would cost ${cost()} more than planned.`,
    () =>
      `Figures ${pick(["published", "released"])} ${pick(TIMES)} show ${share()} ${pick(["fewer", "more"])} ${pick(GROUPS)} used ${plan()} than a year ago.`,
    () =>
      `${cap(pick(GROUPS))} in ${pick(PLACES)} say ${plan()} has been ${pick(["a relief", "a disappointment", "hard to follow", "long overdue"])}.`,
    () =>
      `A ${pick(["report", "review", "survey", "consultation"])} by ${pick(BODIES)} found that ${share()} of ${pick(GROUPS)} ${pick(["backed", "opposed", "had not heard of"])} ${plan()}.`,
    () =>
      `${cap(pick(BODIES))} will vote on ${plan()} ${pick(["next month", "in the spring", "before the summer recess", "on 14 March"])}.`,
    () => `Work on ${plan()} is due to start in ${month()} and should take ${int(3, 40)} weeks.`,
    () =>
      `${pick(AUTHORS)}, who has lived in ${pick(PLACES)} for ${int(3, 50)} years, called the plan "${pick(["a good start", "too little, too late", "a mess", "overdue"])}".`,
    () => `${cap(plan())} was first proposed in ${int(2012, 2022)}, but stalled for lack of money.`,
    () =>
      `Opposition members asked for ${plan()} to be ${pick(["paused", "reviewed by an independent panel", "put to a public vote", "costed again"])}.`,
    () =>
      `About ${share()} of the money will come from ${pick(["central government", "a regional fund", "higher fares", "the sale of council land", "a bond issue"])}.`,
    () => `${cap(pick(BODIES))} did not respond to a request for comment.`,
    () => `The ${pick(PLACES)} branch of ${pick(BODIES)} has asked for ${cost()} in extra funding.`,
    () =>
      `${pick(LINKERS)}, ${pick(GROUPS)} ${pick(["gathered outside the town hall", "signed a petition", "wrote to their representatives"])} ${pick(TIMES)}.`,
  ];
  const sentence = () => pick(templates)();
  // Emphasis and links land on whole words so the Markdown stays well formed.
  const dress = (text) => {
    const parts = text.split(" ");
    if (parts.length > 8 && chance(0.3)) {
      const k = int(1, parts.length - 3);
      if (/^\p{L}{5,}$/u.test(parts[k])) parts[k] = chance(0.5) ? `*${parts[k]}*` : `**${parts[k]}**`;
    }
    if (parts.length > 10 && chance(0.2)) {
      const k = int(2, parts.length - 4);
      if (/^\p{L}{4,}$/u.test(parts[k]) && /^\p{L}{3,}$/u.test(parts[k + 1]))
        parts.splice(k, 2, link(`${parts[k]} ${parts[k + 1]}`));
    }
    return parts.join(" ");
  };
  const paragraph = (lo = 3, hi = 5) => Array.from({ length: int(lo, hi) }, () => dress(sentence())).join(" ");
  return { pick, int, chance, cap, cost, plan, link, person, sentence, paragraph };
}

/** Lowercase ASCII words joined by hyphens (the product's own slug rule). */
function slugOf(text) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** An ISO date-time with the offset's wall-clock time, e.g. 2024-05-01T10:00:00+02:00. */
function isoWithOffset(utcMs, [suffix, minutes]) {
  return new Date(utcMs + minutes * 60_000).toISOString().slice(0, 19) + suffix;
}

function pickTags(w) {
  const tags = new Set();
  const count = w.int(1, 5);
  while (tags.size < count) {
    const x = w.int(0, 1_000_000) / 1_000_001;
    tags.add(TAGS[TAG_WEIGHTS.findIndex((c) => x < c)]);
  }
  return [...tags];
}

function frontMatter(w, index, title) {
  const start = FIRST_DAY + w.int(0, DAYS - 1) * 86_400_000 + w.int(6 * 60, 22 * 60) * 60_000;
  const isDateOnly = w.chance(0.08);
  const lines = [
    `title: ${JSON.stringify(title)}`,
    `date: ${isDateOnly ? new Date(start).toISOString().slice(0, 10) : isoWithOffset(start, w.pick(OFFSETS))}`,
  ];
  // Updates come hours to weeks later, so `enhanced` is never before `date` whatever the offsets.
  if (w.chance(0.45)) lines.push(`enhanced: ${isoWithOffset(start + w.int(2 * 60, 40 * 24 * 60) * 60_000, ["Z", 0])}`);
  lines.push(`summary: ${JSON.stringify(w.sentence())}`);
  lines.push(
    `tags: [${pickTags(w)
      .map((t) => JSON.stringify(t))
      .join(", ")}]`,
  );
  if (w.chance(0.55)) {
    const outlet = w.pick(OUTLETS);
    const url = `https://www.${outlet.host}/${new Date(start).getUTCFullYear()}/${slugOf(title).slice(0, 40).replace(/-+$/, "")}-${index}`;
    lines.push("source:", `  name: ${JSON.stringify(outlet.name)}`, `  url: ${JSON.stringify(url)}`);
    if (w.chance(0.5)) lines.push("generated: true");
  }
  if (w.chance(0.9)) lines.push(`author: ${JSON.stringify(w.pick(AUTHORS))}`);
  return `---\n${lines.join("\n")}\n---\n`;
}

function extraBlock(w, kind) {
  if (kind === "quote") return `> ${w.sentence()} ${w.sentence()}\n>\n> — ${w.person()}`;
  if (kind === "table") {
    const rows = Array.from(
      { length: w.int(3, 6) },
      () => `| ${w.pick(PLACES)} | ${grouped(w.int(40, 9000))} | ${w.int(-30, 45)}% |`,
    );
    return ["| District | Households | Change |", "| --- | ---: | ---: |", ...rows].join("\n");
  }
  const fields = Array.from(
    { length: w.int(3, 6) },
    () => `  "${slugOf(w.pick(PLANS)).replace(/-/g, "_")}": ${w.int(0, 99_999)}`,
  );
  return `The figures, as published in the council's open-data feed:\n\n\`\`\`json\n{\n${fields.join(",\n")}\n}\n\`\`\``;
}

function body(w) {
  const blocks = [];
  for (let i = w.int(2, 3); i > 0; i--) blocks.push(w.paragraph());
  const sections = w.int(2, 4);
  const listAt = w.int(0, sections - 1);
  const extras = [w.chance(0.3) && "quote", w.chance(0.2) && "table", w.chance(0.1) && "code"].filter(Boolean);
  const place = w.pick(PLACES);
  for (let s = 0; s < sections; s++) {
    blocks.push(`## ${w.pick(HEADINGS).replace("{place}", place)}`);
    blocks.push(w.paragraph());
    if (s === listAt) {
      const marker = w.chance(0.7) ? () => "-" : (n) => `${n}.`;
      blocks.push(Array.from({ length: w.int(3, 6) }, (_, n) => `${marker(n + 1)} ${w.sentence()}`).join("\n"));
    }
    if (extras.length && w.chance(0.6)) blocks.push(extraBlock(w, extras.shift()));
    for (let p = w.int(1, 3); p > 0; p--) blocks.push(w.paragraph(2, 5));
  }
  blocks.push(
    `${w.cap(w.pick(["read", "see"]))} ${w.link(w.pick(["the full report", "the council papers", "our earlier coverage", "the consultation"]))} for details.`,
  );
  return blocks.join("\n\n");
}

/** Article `index` of the corpus `seed`: its file name (the slug plus ".md") and its text. */
export function generateArticle(seed, index) {
  const w = writerFor(randomFor(seed, index));
  const headline = w.pick([
    () => `${w.pick(PLACES)}: ${w.pick(BODIES).replace(/^the /, "")} ${w.pick(HEADLINE_VERBS)} ${w.plan()}`,
    () =>
      `${w.cap(w.plan().replace(/^the /, ""))} ${w.pick(["to cost", "will cost", "could cost"])} ${w.cost()}, report finds`,
    () =>
      `${w.cap(w.pick(GROUPS))} in ${w.pick(PLACES)} ${w.pick(["push back on", "welcome", "question"])} ${w.plan()}`,
    () => `What the ${w.pick(PLANS)} means for ${w.pick(GROUPS)}`,
  ])();
  const full = slugOf(headline);
  // Long headlines are cut at a word boundary; the index keeps every slug unique.
  const slug = `${full.length > 60 ? full.slice(0, 61).replace(/-[^-]*$/, "") : full}-${index}`;
  return { name: `${slug}.md`, text: `${frontMatter(w, index, headline)}${body(w)}\n` };
}

/** Writes articles 0..count-1 of corpus `seed` into `out` (created if missing); returns the byte count. */
export function writeCorpus({ count, out, seed = 1 }) {
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const { name, text } = generateArticle(seed, i);
    writeFileSync(path.join(out, name), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

function main(argv) {
  const options = { count: NaN, out: null, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === "--count") options.count = Number(value);
    else if (name === "--out") options.out = value;
    else if (name === "--seed") options.seed = Number(value);
    else return usage(name === "--help" || name === "-h" ? 0 : 2, `unknown option ${name}`);
  }
  if (!Number.isInteger(options.count) || options.count < 1) return usage(2, "--count must be a positive whole number");
  if (!options.out) return usage(2, "--out is required");
  if (!Number.isInteger(options.seed)) return usage(2, "--seed must be a whole number");
  const bytes = writeCorpus(options);
  console.error(
    `wrote ${options.count} articles (seed ${options.seed}, ${(bytes / 1024).toFixed(0)} KiB) to ${options.out}`,
  );
}

function usage(code, problem) {
  if (code !== 0) console.error(`gen-corpus: ${problem}`);
  console.error("usage: node bench/gen-corpus.mjs --count N --out DIR [--seed S]");
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main(process.argv.slice(2));
