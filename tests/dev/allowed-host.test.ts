import { describe, expect, it } from "vitest";
import { describeAllowedHosts, isAllowedHost, isAllowedOrigin } from "../../src/dev/allowed-host.js";

const PORT = 5173;
const served = { port: PORT, host: "127.0.0.1" };

describe("isAllowedHost", () => {
  it.each([
    `127.0.0.1:${PORT}`,
    `localhost:${PORT}`,
    `[::1]:${PORT}`,
    `LOCALHOST:${PORT}`,
    `LocalHost:${PORT}`,
    `192.168.1.5:${PORT}`,
    `10.0.0.1:${PORT}`,
    `[fe80::1]:${PORT}`,
    `[FE80::1]:${PORT}`,
    `[::ffff:127.0.0.1]:${PORT}`,
  ])("accepts %s", (host) => {
    expect(isAllowedHost(host, served)).toBe(true);
  });

  it.each([
    [`attacker.example:${PORT}`, "a domain name that could be rebound"],
    [`attacker.example`, "a domain name without port"],
    [`localhost:${PORT + 1}`, "another port"],
    [`localhost:0${PORT}`, "the port written with a leading zero"],
    [`localhost:`, "an empty port"],
    [`127.0.0.1`, "no port (not 80)"],
    [`localhost`, "no port (not 80)"],
    [`localhost.:${PORT}`, "a trailing dot"],
    [`127.0.0.1.:${PORT}`, "an IPv4 address with a trailing dot"],
    [``, "empty"],
    [undefined, "missing"],
    [`:${PORT}`, "a port without name"],
    [`127.0.0.1:${PORT}@evil`, "userinfo-looking suffix"],
    [`evil.com#@127.0.0.1:${PORT}`, "fragment-looking prefix"],
    [`evil.com@127.0.0.1:${PORT}`, "userinfo-looking prefix"],
    [`127.0.0.1.evil.com:${PORT}`, "a name starting like an IP address"],
    [`localhost.evil.com:${PORT}`, "a name starting with localhost"],
    [`localhost:${PORT}:${PORT}`, "two ports"],
    [` localhost:${PORT}`, "a leading space"],
    [`localhost :${PORT}`, "a space before the port"],
    [`127.1:${PORT}`, "a shortened IPv4 form"],
    [`0x7f.0.0.1:${PORT}`, "a hexadecimal IPv4 form"],
    [`256.0.0.1:${PORT}`, "an out-of-range IPv4 address"],
    [`::1:${PORT}`, "IPv6 without brackets"],
    [`[::1]`, "bracketed IPv6 without port"],
    [`[fe80::1%25eth0]:${PORT}`, "an IPv6 zone id"],
    [`[evil.com]:${PORT}`, "a name in brackets"],
    [`[::1]evil:${PORT}`, "text after the brackets"],
  ])("refuses %j (%s)", (host, _why) => {
    expect(isAllowedHost(host, served)).toBe(false);
  });

  it("takes Host without a port when the server is on port 80, and not another port then", () => {
    expect(isAllowedHost("localhost", { port: 80 })).toBe(true);
    expect(isAllowedHost("127.0.0.1", { port: 80 })).toBe(true);
    expect(isAllowedHost("[::1]", { port: 80 })).toBe(true);
    expect(isAllowedHost("localhost:80", { port: 80 })).toBe(true);
    expect(isAllowedHost("attacker.example", { port: 80 })).toBe(false);
    expect(isAllowedHost("localhost:8080", { port: 80 })).toBe(false);
  });

  it("accepts the --host name, case-insensitively, and only with the port", () => {
    const named = { port: PORT, host: "Preview.Local" };
    expect(isAllowedHost(`preview.local:${PORT}`, named)).toBe(true);
    expect(isAllowedHost(`PREVIEW.LOCAL:${PORT}`, named)).toBe(true);
    expect(isAllowedHost(`preview.local:${PORT + 1}`, named)).toBe(false);
    expect(isAllowedHost(`preview.local.:${PORT}`, named)).toBe(false);
    expect(isAllowedHost(`preview.local:${PORT}`, served)).toBe(false);
    // The loopback names stay accepted whatever --host is.
    expect(isAllowedHost(`localhost:${PORT}`, named)).toBe(true);
  });

  it("adds nothing for an empty or all-interfaces --host (but still takes IP addresses)", () => {
    expect(isAllowedHost(`:${PORT}`, { port: PORT, host: "" })).toBe(false);
    expect(isAllowedHost("", { port: 80, host: "" })).toBe(false);
    expect(isAllowedHost(`[::]:${PORT}`, { port: PORT, host: "::" })).toBe(true);
    expect(isAllowedHost(`0.0.0.0:${PORT}`, { port: PORT, host: "0.0.0.0" })).toBe(true);
    expect(isAllowedHost(`192.168.1.5:${PORT}`, { port: PORT, host: "0.0.0.0" })).toBe(true);
    expect(isAllowedHost(`attacker.example:${PORT}`, { port: PORT, host: "0.0.0.0" })).toBe(false);
  });
});

describe("isAllowedOrigin", () => {
  it.each([
    `http://127.0.0.1:${PORT}`,
    `http://localhost:${PORT}`,
    `http://[::1]:${PORT}`,
    `http://192.168.1.5:${PORT}`,
  ])("accepts %s", (origin) => {
    expect(isAllowedOrigin(origin, served)).toBe(true);
  });

  it.each([
    `http://attacker.example:${PORT}`,
    `http://localhost:${PORT + 1}`,
    `http://localhost`,
    `https://localhost:${PORT}`,
    `http://localhost:${PORT}/`,
    `http://localhost.:${PORT}`,
    `localhost:${PORT}`,
    `null`,
    ``,
    `http://evil.com#@127.0.0.1:${PORT}`,
    `file://127.0.0.1:${PORT}`,
  ])("refuses %j", (origin) => {
    expect(isAllowedOrigin(origin, served)).toBe(false);
  });

  it("takes an origin without port on port 80, as browsers write it", () => {
    expect(isAllowedOrigin("http://localhost", { port: 80 })).toBe(true);
    expect(isAllowedOrigin("http://attacker.example", { port: 80 })).toBe(false);
  });
});

describe("describeAllowedHosts", () => {
  it("lists the loopback names with the port, then the --host name when it is another name", () => {
    expect(describeAllowedHosts(served)).toBe(
      `127.0.0.1:${PORT}, localhost:${PORT}, [::1]:${PORT}, or an IP address with port ${PORT}`,
    );
    expect(describeAllowedHosts({ port: PORT, host: "preview.local" })).toBe(
      `127.0.0.1:${PORT}, localhost:${PORT}, [::1]:${PORT}, preview.local:${PORT}, or an IP address with port ${PORT}`,
    );
    // An IPv6 --host is an IP address, already covered by the last words.
    expect(describeAllowedHosts({ port: PORT, host: "::" })).toBe(describeAllowedHosts(served));
    expect(describeAllowedHosts({ port: PORT, host: "LOCALHOST" })).toBe(describeAllowedHosts(served));
  });
});
